package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// startProfile starts what the developer-only environment variables ask
// for (see the README's speed section) and returns the function that
// stops them and closes their files:
//   - GEN_CPUPROFILE=FILE, a CPU profile from main on: one cold process is
//     too short for `go test -cpuprofile`, so profiles of many runs are
//     written and merged with `go tool pprof`;
//   - GEN_TRACE=FILE, an execution trace (`go tool trace`), which shows
//     where a cold run's wall time goes: what waits for what, on which
//     core.
func startProfile() (stop func()) {
	stopTrace := startTo("GEN_TRACE", trace.Start, trace.Stop)
	stopCPU := startTo("GEN_CPUPROFILE", pprof.StartCPUProfile, pprof.StopCPUProfile)
	return func() {
		stopCPU()
		stopTrace()
	}
}

// startTo starts a recording into the file the environment variable env
// names, if any; a file that cannot be made or a recording that cannot
// start is said on stderr and skipped.
func startTo(env string, start func(io.Writer) error, end func()) (stop func()) {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		if err = start(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %s: %v\n", env, err)
		return func() {}
	}
	return func() {
		end()
		f.Close()
	}
}
