// Package cputime reads the CPU time this process has used. The provider
// records it for the plan benchmark and the scan benchmarks report it
// beside wall time, which on a shared machine says less.
package cputime
