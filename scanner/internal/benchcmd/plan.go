package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/planbench"
	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
)

// planArgs are the arguments of every timed `terraform plan`: no state to
// refresh, no lock, no prompt, no colour.
var planArgs = []string{"plan", "-input=false", "-lock=false", "-refresh=false", "-no-color"}

// runPlan times `terraform plan` over n controls with an evidence
// requirement each against the same graph of terraform_data resources,
// alternating, with the provider binary installed through dev_overrides in
// a CLI configuration of its own (no terraform init, no registry). CPU is
// Terraform's with the provider processes it waited for, from rusage.
func runPlan(args []string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("plan", stderr)
	if err != nil {
		return err
	}
	terraform := fs.String("terraform", "terraform", "the Terraform CLI (>= 1.8)")
	controls := fs.Int("controls", 1000, "controls in the inventory, each with one evidence requirement")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	if *controls < 1 {
		return errors.New("-controls must be at least 1")
	}
	tf, err := exec.LookPath(*terraform)
	if err != nil {
		return fmt.Errorf("terraform: %w", err)
	}
	bin, err := filepath.Abs(c.bin)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "soc2-bench-plan-*")
	if err != nil {
		return err
	}
	defer removeAll(tmp)
	env, err := planEnv(tmp, bin)
	if err != nil {
		return err
	}
	inputs := []*planInput{
		{name: "soc2", config: planbench.Soc2Inventory(*controls)},
		{name: "terraform_data", config: planbench.TerraformDataInventory(*controls)},
	}
	for _, in := range inputs {
		in.dir = filepath.Join(tmp, in.name)
		if err := os.Mkdir(in.dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(in.dir, "main.tf"), []byte(in.config), 0o644); err != nil {
			return err
		}
	}
	// Alternate, soc2 then terraform_data, so both see the same load.
	for r := range c.runs {
		for _, in := range inputs {
			usage := filepath.Join(tmp, fmt.Sprintf("%s-%d.cpu", in.name, r))
			s, err := planOnce(tf, in.dir, append(env, providerCPUEnv+"="+usage))
			if err != nil {
				return fmt.Errorf("%s: %w", in.name, err)
			}
			provider, err := readProviderCPU(usage)
			if err != nil {
				return fmt.Errorf("%s: %w", in.name, err)
			}
			in.samples = append(in.samples, s)
			in.provider = append(in.provider, provider)
			fmt.Fprintf(stderr, "run %d/%d: %s plan %s wall, %s CPU (provider %s)\n",
				r+1, c.runs, in.name, seconds(s.wall), seconds(s.cpu), seconds(provider))
		}
	}
	fmt.Fprintf(stdout, "Medians of %d alternating run(s) of terraform plan over %d controls with an evidence requirement each (%d resources) and the same graph of terraform_data.\n\n",
		c.runs, *controls, 2**controls+1)
	return writePlanTable(stdout, c.format, inputs)
}

// planInput is one inventory: its configuration, the directory it is
// planned in and the runs so far.
type planInput struct {
	name, config, dir string
	samples           []sample
	provider          []time.Duration // CPU of the soc2 provider processes, per run
}

// providerCPUEnv makes each soc2 provider process append its CPU time, in
// nanoseconds, to the file it names when it stops (see profile.go at the
// module root).
const providerCPUEnv = "SOC2_CPU_USAGE_FILE"

// readProviderCPU sums the provider processes' CPU written to path; no
// file means no provider process ran (the terraform_data inventory).
func readProviderCPU(path string) (time.Duration, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var sum time.Duration
	for _, line := range strings.Fields(string(data)) {
		ns, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %q is not nanoseconds", path, line)
		}
		sum += time.Duration(ns)
	}
	return sum, nil
}

// planEnv is this process's environment with Terraform pointed at a CLI
// configuration whose dev_overrides install bin as the soc2 provider, and
// without the settings that would redirect Terraform or make it log.
func planEnv(tmp, bin string) ([]string, error) {
	cliConfig := filepath.Join(tmp, "terraformrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, inventory.ProviderAddress, filepath.ToSlash(filepath.Dir(bin)))
	if filepath.Base(bin) != "terraform-provider-soc2" && filepath.Base(bin) != "terraform-provider-soc2.exe" {
		return nil, fmt.Errorf("-bin %s: dev_overrides needs the binary named terraform-provider-soc2", bin)
	}
	if err := os.WriteFile(cliConfig, []byte(config), 0o644); err != nil {
		return nil, err
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "TF_CLI_CONFIG_FILE", name == "TF_REATTACH_PROVIDERS", name == "TF_DATA_DIR",
			strings.HasPrefix(name, "TF_LOG"), name == "SOC2_CPUPROFILE", name == providerCPUEnv:
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"), nil
}

// planOnce runs one `terraform plan` in dir and returns what it cost:
// rusage of the Terraform process covers the provider processes too, since
// Terraform waits for each plugin it starts.
func planOnce(terraform, dir string, env []string) (sample, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraform, planArgs...)
	cmd.Dir = dir
	cmd.Env = env
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("terraform %s: %w\n%s", strings.Join(planArgs, " "), err, tail(out.String(), 2000))
	}
	st := cmd.ProcessState
	return sample{wall: wall, cpu: st.UserTime() + st.SystemTime(), rss: peakRSS(st)}, nil
}

// writePlanTable prints both inventories' medians and the ratio soc2 over
// terraform_data (the target is at most 1.5×). CPU is Terraform's with the
// provider processes'; the provider's share is its own column.
func writePlanTable(w io.Writer, format string, inputs []*planInput) error {
	t := table{header: []string{"inventory", "wall", "CPU (user+sys)", "of which provider", "peak RSS"}}
	soc2, data := medians(inputs[0].samples), medians(inputs[1].samples)
	provider := median(inputs[0].provider)
	t.add("soc2 controls + evidence", seconds(soc2.wall), seconds(soc2.cpu), seconds(provider), mib(soc2.rss))
	t.add("terraform_data", seconds(data.wall), seconds(data.cpu), "-", mib(data.rss))
	t.add("soc2/terraform_data", ratio(soc2.wall, data.wall), ratio(soc2.cpu, data.cpu), "", ratio(soc2.rss, data.rss))
	return t.write(w, format)
}
