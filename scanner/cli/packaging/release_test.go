package packaging

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

const project = "terraform-provider-soc2"

// goreleaserConfig is the part of .goreleaser.yml that the Terraform
// Registry depends on.
type goreleaserConfig struct {
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Binary  string   `yaml:"binary"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string      `yaml:"name_template"`
		ExtraFiles   []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Release struct {
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

// manifestName is the name the Registry expects for the protocol manifest.
const manifestName = "{{ .ProjectName }}_{{ .Version }}_manifest.json"

// TestGoreleaserConfig checks what goreleaser check cannot: that the
// release has the Registry's names, that the manifest it publishes exists
// and declares protocol 6 (the framework's), and that the ldflags set the
// variables main reads.
func TestGoreleaserConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".goreleaser.yml"))
	require.NoError(t, err)
	var c goreleaserConfig
	require.NoError(t, yaml.Unmarshal(data, &c))

	assert.Equal(t, project, c.ProjectName)
	require.Len(t, c.Builds, 1)
	b := c.Builds[0]
	assert.Equal(t, "{{ .ProjectName }}_v{{ .Version }}", b.Binary)
	for _, goos := range []string{"linux", "darwin", "windows", "freebsd"} {
		assert.Contains(t, b.Goos, goos)
	}
	for _, goarch := range []string{"amd64", "arm64"} {
		assert.Contains(t, b.Goarch, goarch)
	}
	ldflags := strings.Join(b.Ldflags, " ")
	for _, v := range []string{"main.version", "main.commit", "main.date"} {
		assert.Contains(t, ldflags, "-X "+v+"=", "ldflags must set %s, which cli.ResolveBuild reads", v)
	}
	main, err := os.ReadFile(filepath.Join(repoRoot, "main.go"))
	require.NoError(t, err)
	assert.Contains(t, string(main), "cli.ResolveBuild(version, commit, date,")

	require.Len(t, c.Archives, 1)
	assert.Equal(t, []string{"zip"}, c.Archives[0].Formats)
	assert.Equal(t, "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}", c.Archives[0].NameTemplate)
	assert.Equal(t, "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS", c.Checksum.NameTemplate)

	// The manifest is both summed and uploaded, under the same name.
	for _, files := range [][]extraFile{c.Checksum.ExtraFiles, c.Release.ExtraFiles} {
		require.Len(t, files, 1)
		assert.Equal(t, manifestName, files[0].NameTemplate)
		manifest := readManifest(t, filepath.Join(repoRoot, files[0].Glob))
		assert.Equal(t, []string{"6.0"}, manifest.Metadata.ProtocolVersions)
	}
}

type registryManifest struct {
	Version  int `json:"version"`
	Metadata struct {
		ProtocolVersions []string `json:"protocol_versions"`
	} `json:"metadata"`
}

func readManifest(t *testing.T, path string) registryManifest {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err, "the release publishes %s as the Registry manifest", path)
	var m registryManifest
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, 1, m.Version)
	return m
}

// TestReleaseDist checks what `goreleaser release --snapshot` left in the
// folder SOC2_DIST names (`make snapshot` runs it there): every archive
// holds only the binary, named as the Registry expects, SHA256SUMS is
// right for every file it lists, and the binary for this machine's
// platform says the version, commit and date goreleaser built it with.
func TestReleaseDist(t *testing.T) {
	dist := os.Getenv("SOC2_DIST")
	if dist == "" {
		t.Skip("SOC2_DIST is not set: `make snapshot` builds the release into dist/ and runs this test on it")
	}
	var meta struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
		Date    string `json:"date"`
	}
	readJSON(t, filepath.Join(dist, "metadata.json"), &meta)
	require.NotEmpty(t, meta.Version)
	require.Regexp(t, `^[0-9a-f]{40}$`, meta.Commit, "goreleaser could not read the commit")
	var artifacts []struct {
		Name   string `json:"name"`
		Path   string `json:"path"`
		Type   string `json:"type"`
		Goos   string `json:"goos"`
		Goarch string `json:"goarch"`
	}
	readJSON(t, filepath.Join(dist, "artifacts.json"), &artifacts)

	prefix := project + "_" + meta.Version
	sums := readSums(t, filepath.Join(dist, prefix+"_SHA256SUMS"))
	var archives []string
	for _, a := range artifacts {
		if a.Type != "Archive" {
			continue
		}
		archives = append(archives, a.Name)
		assert.Equal(t, prefix+"_"+a.Goos+"_"+a.Goarch+".zip", a.Name)
		binary := project + "_v" + meta.Version
		if a.Goos == "windows" {
			binary += ".exe"
		}
		assert.Equal(t, []string{binary}, zipNames(t, filepath.Join(dist, a.Name)), a.Name)
		assert.Equal(t, fileSum(t, filepath.Join(dist, a.Name)), sums[a.Name], "SHA256SUMS for %s", a.Name)
		if a.Goos == runtime.GOOS && a.Goarch == runtime.GOARCH {
			checkVersion(t, filepath.Join(dist, a.Name), binary, meta.Version, meta.Commit)
		}
	}
	assert.Len(t, archives, 8, "linux, darwin, windows and freebsd on amd64 and arm64")

	// The manifest is summed under the name the release uploads it as.
	manifest := prefix + "_manifest.json"
	assert.Equal(t, fileSum(t, filepath.Join(repoRoot, "terraform-registry-manifest.json")), sums[manifest])
	listed := append(slices.Clone(archives), manifest)
	slices.Sort(listed)
	assert.Equal(t, listed, slices.Sorted(maps.Keys(sums)), "SHA256SUMS lists the archives and the manifest, nothing else")
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v), path)
}

// readSums reads a SHA256SUMS file: "<hex>  <name>" per line.
func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		require.True(t, ok, "%s: line %q is not \"<sum>  <name>\"", path, sc.Text())
		sums[name] = sum
	}
	require.NoError(t, sc.Err())
	return sums
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	return hex.EncodeToString(h.Sum(nil))
}

func zipNames(t *testing.T, path string) []string {
	t.Helper()
	r, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	return names
}

// checkVersion extracts the binary from the archive and runs `version`.
func checkVersion(t *testing.T, archive, binary, version, commit string) {
	t.Helper()
	r, err := zip.OpenReader(archive)
	require.NoError(t, err)
	defer r.Close()
	require.Len(t, r.File, 1)
	in, err := r.File[0].Open()
	require.NoError(t, err)
	defer in.Close()
	bin := filepath.Join(t.TempDir(), binary)
	out, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o700)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())

	printed, err := exec.Command(bin, "version").CombinedOutput()
	require.NoError(t, err, "%s", printed)
	assert.Contains(t, string(printed), project+" "+version+" (commit "+commit+", built ")
	assert.Regexp(t, `, built \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, `, string(printed))
	assert.NotContains(t, string(printed), "built 0001-", "goreleaser could not read the commit date")
}
