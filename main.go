// Command terraform-provider-soc2 is both the SOC 2 Terraform provider and
// the SOC 2 scanner CLI. Terraform starts it with no arguments and talks to
// it over the plugin protocol; a person runs it with a subcommand such as
// `scan` or `criteria`.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"runtime/debug"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"golang.org/x/term"

	"github.com/soc2-as-code/terraform-provider-soc2/provider"
	"github.com/soc2-as-code/terraform-provider-soc2/provider/inventory"
	"github.com/soc2-as-code/terraform-provider-soc2/rules"
	"github.com/soc2-as-code/terraform-provider-soc2/scanner/cli"
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

	var debug bool
	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(build.Version), providerserver.ServeOpts{
		Address: inventory.ProviderAddress,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

func isDebugFlag(arg string) bool {
	switch arg {
	case "-debug", "--debug", "-debug=true", "--debug=true", "-debug=false", "--debug=false":
		return true
	}
	return false
}
