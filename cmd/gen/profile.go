package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// startProfile starts a CPU profile when the developer-only environment
// variable GEN_CPUPROFILE names a file (see the README's speed section):
// one cold process is too short for `go test -cpuprofile`, so profiles of
// many runs are written and merged with `go tool pprof`. It returns the
// function that stops the profile and closes the file.
// GEN_TRACE likewise writes an execution trace (go tool trace), which
// shows where a cold run's wall time goes: what waits for what, on which
// core.
func startProfile() (stop func()) {
	stopTrace := startTrace()
	path := os.Getenv("GEN_CPUPROFILE")
	if path == "" {
		return stopTrace
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: GEN_CPUPROFILE:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "gen: GEN_CPUPROFILE:", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
		stopTrace()
	}
}

// startTrace starts the execution trace GEN_TRACE asks for.
func startTrace() (stop func()) {
	path := os.Getenv("GEN_TRACE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: GEN_TRACE:", err)
		return func() {}
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, "gen: GEN_TRACE:", err)
		f.Close()
		return func() {}
	}
	return func() {
		trace.Stop()
		f.Close()
	}
}
