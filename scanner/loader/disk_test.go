package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnreadableDirectoryIsAnErrorOnIt simulates, through the disk's fault
// seam, a subdirectory that cannot be read (chmod 000 does not stop root,
// whom tests run as): it is an error on that directory, and the root
// modules beside it are still loaded.
func TestUnreadableDirectoryIsAnErrorOnIt(t *testing.T) {
	repo := t.TempDir()
	writeTree(t, repo, map[string]string{
		"stacks/a/main.tf":      `resource "aws_sns_topic" "a" {}`,
		"stacks/locked/main.tf": `resource "aws_sns_topic" "locked" {}`,
		"stacks/z/main.tf":      `resource "aws_sns_topic" "z" {}`,
	})
	locked := diskRel(filepath.Join(repo, "stacks", "locked"))
	res, err := Load(t.Context(), Options{
		Paths:    []string{repo},
		Discover: true,
		fault: func(name string) error {
			if name == locked {
				return fs.ErrPermission
			}
			return nil
		},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"aws_sns_topic.a", "aws_sns_topic.z"}, addresses(res))
	errs := errorsOf(res)
	require.Len(t, errs, 1)
	assert.Equal(t, "Cannot read directory", errs[0].Summary)
	assert.Equal(t, filepath.Join(repo, "stacks", "locked"), errs[0].Range.Filename)
	assert.Equal(t, filepath.Join(repo, "stacks", "locked")+": permission denied", errs[0].Detail)
}

// TestWalkSkipsKernelFileSystems walks / with every directory but the
// top failing, and checks that /proc, /sys and /dev are never even
// listed: walking /proc never ends.
func TestWalkSkipsKernelFileSystems(t *testing.T) {
	if _, err := os.Stat("/proc"); err != nil {
		t.Skip("no /proc here")
	}
	var mu sync.Mutex
	var asked []string
	d := newDisk([]string{"/"}, nil, 0)
	d.fault = func(name string) error {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, name)
		if name == "." {
			return nil
		}
		return fs.ErrPermission
	}
	res := newResult()
	findRoots(d, "/", ".", Options{}, nil, res)
	require.NotEmpty(t, asked)
	for _, name := range asked {
		top, _, _ := strings.Cut(name, "/")
		assert.False(t, specialDirs[top], "%s was read", name)
	}
}

// TestLinkIntoAnotherRootIsFollowed: a symbolic link that leaves the
// scanned directory for an allowed one is read in the allowed one.
func TestLinkIntoAnotherRootIsFollowed(t *testing.T) {
	base := t.TempDir()
	writeTree(t, base, map[string]string{"shared/name.txt": "shared-name"})
	writeTree(t, base, map[string]string{"stack/main.tf": `resource "aws_sns_topic" "t" { name = file("${path.module}/name.txt") }`})
	require.NoError(t, os.Symlink(filepath.Join(base, "shared", "name.txt"), filepath.Join(base, "stack", "name.txt")))
	stack := filepath.Join(base, "stack")

	res, err := Load(t.Context(), Options{Paths: []string{stack}})
	require.NoError(t, err)
	require.Len(t, errorsOf(res), 1)
	assert.Contains(t, errorsOf(res)[0].Detail, "a symbolic link leads outside the scanned directory")

	res, err = Load(t.Context(), Options{Paths: []string{stack}, AllowPaths: []string{filepath.Join(base, "shared")}})
	require.NoError(t, err)
	assert.Empty(t, errorsOf(res))
	assert.Equal(t, "shared-name", str(t, mustResource(t, res, "aws_sns_topic.t").Attr("name")))
}

// TestInMemoryFilesAreConfinedAndLimited: LoadFS reads through the same
// disk, confined to the directory loaded and limited in size.
func TestInMemoryFilesAreConfinedAndLimited(t *testing.T) {
	fsys := os.DirFS(t.TempDir())
	d := fsDisk(fsys, []string{"."}, 4)
	_, err := fs.ReadFile(d, "../x")
	var ref *refusedError
	require.ErrorAs(t, err, &ref)
	assert.True(t, ref.outside)

	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"root/big.txt": "12345", "root/small.txt": "1234", "other/x.txt": "x"})
	d = fsDisk(os.DirFS(dir), []string{"root"}, 4)
	data, err := fs.ReadFile(d, "root/small.txt")
	require.NoError(t, err)
	assert.Equal(t, "1234", string(data))
	_, err = fs.ReadFile(d, "root/big.txt")
	require.ErrorAs(t, err, &ref)
	assert.Equal(t, "root/big.txt: larger than the 4 bytes limit; raise it with --max-file-size (max_file_size in .soc2scan.hcl or on soc2_scan)", ref.Error())
	_, err = fs.ReadFile(d, "other/x.txt")
	require.ErrorAs(t, err, &ref)
	assert.True(t, ref.outside, "a sibling of the loaded directory is outside")
}

// TestLoadClosesItsDirectories: the provider scans in a long-running
// plugin, so every Load releases the directories it opened.
func TestLoadClosesItsDirectories(t *testing.T) {
	open := func() int {
		entries, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("no /proc/self/fd here")
		}
		return len(entries)
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"main.tf": `resource "aws_sns_topic" "t" {}`})
	before := open()
	for range 50 {
		_, err := Load(t.Context(), Options{Paths: []string{dir}, AllowPaths: []string{t.TempDir()}})
		require.NoError(t, err)
	}
	assert.Less(t, open(), before+10, "directories left open")
}
