// Command terraform-provider-soc2 is both the SOC 2 Terraform provider and
// the SOC 2 scanner CLI. Terraform starts it with no arguments and talks to
// it over the plugin protocol; a person runs it with a subcommand such as
// `scan` or `criteria`.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"golang.org/x/term"

	"github.com/soc2-as-code/terraform-provider-soc2/internal/gcfloor"
	"github.com/soc2-as-code/terraform-provider-soc2/internal/gcstart"
	_ "github.com/soc2-as-code/terraform-provider-soc2/internal/heapsample"
	"github.com/soc2-as-code/terraform-provider-soc2/provider"
	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/cli"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/cputime"
)

// version, commit and date are set by goreleaser through ldflags;
// cli.ResolveBuild fills what they leave empty from the Go build
// information.
var (
	version = "dev"
	commit  string
	date    string
)

func main() {
	build := cli.ResolveBuild(version, commit, date, debug.ReadBuildInfo)
	if len(os.Args) > 1 && !isDebugFlag(os.Args[1]) {
		floorGC(os.LookupEnv, gcfloor.Start)
		os.Exit(cli.Main(os.Args[1:], cli.Streams{
			Stdin:            os.Stdin,
			Stdout:           os.Stdout,
			Stderr:           os.Stderr,
			IsTerminal:       term.IsTerminal(int(os.Stdout.Fd())),
			StdinIsTerminal:  term.IsTerminal(int(os.Stdin.Fd())),
			StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
			Env:              os.Environ(),
		}, cli.Deps{Rules: rules.All(), DataSources: rules.DataSources(), Now: time.Now,
			Version: build.Version, Commit: build.Commit, BuildDate: build.Date}))
	}

	if err := quietSDKLogs(os.LookupEnv, os.Setenv); err != nil {
		log.Fatal(err.Error())
	}
	relaxGC(os.LookupEnv, debug.SetGCPercent)
	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	stopProfile, err := startCPUProfile(os.LookupEnv, os.Getpid())
	if err != nil {
		log.Fatal(err.Error())
	}
	err = providerserver.Serve(context.Background(), provider.New(build.Version), providerserver.ServeOpts{
		Address: inventory.ProviderAddress,
		Debug:   debug,
	})
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
	if cpu, ok := cputime.Process(); ok {
		if err := recordCPUUsage(os.LookupEnv, cpu); err != nil {
			log.Fatal(err.Error())
		}
	}
}

// providerGCPercent is the garbage collector's target for the provider
// process (the Go default is 100). A plan sends the provider a few RPCs per
// resource, and the plugin framework allocates about half a megabyte for
// each while the heap that stays live is a few megabytes: with the default
// the collector ran every few dozen RPCs and took about a quarter of the
// provider's CPU on an inventory of a thousand controls. At 400 it runs a
// fifth as often: on that inventory the plan process used about a third
// less CPU (5 s instead of 7-8 s) and peaked at 230-270 MB resident
// instead of 160-170 MB.
const providerGCPercent = 400

// relaxGC sets providerGCPercent unless GOGC sets the collector's target,
// which it then leaves to the Go runtime.
func relaxGC(lookup func(string) (string, bool), setGCPercent func(int) int) {
	if v, ok := lookup("GOGC"); ok && v != "" {
		return
	}
	setGCPercent(providerGCPercent)
}

// cliHeapFloor is the least heap goal of the CLI process (see gcfloor). A
// scan releases each root module once its findings are out, so its live
// heap stays at a few MiB while it allocates about 1.4 GiB on
// ../shared/corpus: with the default goal of twice the live heap the
// collector ran about 320 times there, and collecting and returning pages
// to the system took about a fifth of the scan's CPU. With a 32 MiB floor
// it runs about 60 times, the scan uses about a quarter less CPU, and peak
// RSS is about 72 MiB instead of 52 (the 70 MiB it was before roots were
// released one by one); inputs whose live heap is above the floor, such as
// 16,000 resources in one file, are collected as before. gcstart sets the
// same floor while the packages initialise, before main runs.
const cliHeapFloor = gcstart.Floor

// floorGC gives the CLI's collector the cliHeapFloor heap goal floor,
// unless GOGC sets the collector's target, which it then leaves to the Go
// runtime.
func floorGC(lookup func(string) (string, bool), start func(floor uint64, base int) (stop func())) {
	if v, ok := lookup("GOGC"); ok && v != "" {
		return
	}
	start(cliHeapFloor, 100)
}

func isDebugFlag(arg string) bool {
	switch arg {
	case "-debug", "--debug", "-debug=true", "--debug=true", "-debug=false", "--debug=false":
		return true
	}
	return false
}

// logSettings are the environment variables that ask Terraform or the
// plugin SDK for logs: TF_LOG and TF_LOG_PROVIDER are read by Terraform,
// which keeps the provider's log lines only when one of them is set, and
// the TF_LOG_SDK ones by terraform-plugin-go and the framework.
var logSettings = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietSDKLogs turns the plugin SDK's logs off (TF_LOG_SDK=off) when
// nobody asked for logs. terraform-plugin-go and the framework log at
// TRACE by default: each RPC, and each attribute and validator of every
// resource, about 170 JSON lines per resource that Terraform reads from the
// plugin's stderr and parses, only to drop them when TF_LOG and
// TF_LOG_PROVIDER are unset. On an inventory of a thousand controls that
// was most of the plan time. Any of logSettings set keeps the SDK's
// default, so `TF_LOG=trace terraform plan` shows everything as before.
func quietSDKLogs(lookup func(string) (string, bool), set func(key, value string) error) error {
	for _, name := range logSettings {
		if v, ok := lookup(name); ok && v != "" {
			return nil
		}
	}
	if err := set("TF_LOG_SDK", "off"); err != nil {
		return fmt.Errorf("turning off the plugin SDK's logs: %w", err)
	}
	return nil
}
