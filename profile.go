package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// cpuProfileEnv names the environment variable that turns on a CPU profile
// of the provider process, for finding where a plan spends its time:
//
//	SOC2_CPUPROFILE=/tmp/soc2.prof terraform plan
//	go tool pprof -top /tmp/soc2.prof.*
//
// Terraform starts the provider several times in one command (once for
// the schema, once to validate, once to plan), so each process writes its
// own file, the path with the process id appended. The profile is written
// when the plugin server stops, which is when Terraform shuts the provider
// down through the plugin protocol at the end of each phase. Unset, as it
// is by default, the provider profiles nothing.
const cpuProfileEnv = "SOC2_CPUPROFILE"

// startCPUProfile starts the CPU profile that cpuProfileEnv asks for and
// returns the function that stops it and closes the file; with the
// variable unset it does nothing and returns a function that does nothing.
func startCPUProfile(lookup func(string) (string, bool), pid int) (stop func(), err error) {
	path, ok := lookup(cpuProfileEnv)
	if !ok || path == "" {
		return func() {}, nil
	}
	f, err := os.Create(fmt.Sprintf("%s.%d", path, pid))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cpuProfileEnv, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", cpuProfileEnv, err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}

// cpuUsageEnv names the environment variable that makes the provider
// process append its own CPU time (user + system, in nanoseconds, one line
// per process) to a file when the plugin server stops, so that
// `make bench-plan` can tell the provider's share of a plan from
// Terraform's. Unset, as it is by default, the provider writes nothing.
const cpuUsageEnv = "SOC2_CPU_USAGE_FILE"

// recordCPUUsage appends cpu to the file cpuUsageEnv names, if any.
func recordCPUUsage(lookup func(string) (string, bool), cpu time.Duration) error {
	path, ok := lookup(cpuUsageEnv)
	if !ok || path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", cpuUsageEnv, err)
	}
	if _, err := fmt.Fprintf(f, "%d\n", cpu.Nanoseconds()); err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: %w", cpuUsageEnv, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", cpuUsageEnv, err)
	}
	return nil
}
