package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startProfile starts a CPU profile when the developer-only environment
// variable GEN_CPUPROFILE names a file (see the README's speed section):
// one cold process is too short for `go test -cpuprofile`, so profiles of
// many runs are written and merged with `go tool pprof`. It returns the
// function that stops the profile and closes the file.
func startProfile() (stop func()) {
	path := os.Getenv("GEN_CPUPROFILE")
	if path == "" {
		return func() {}
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
	}
}
