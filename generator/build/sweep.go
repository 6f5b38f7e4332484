package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// staleAge is how old a temporary file of a process that cannot be asked
// whether it still runs must be before Sweep removes it.
const staleAge = time.Hour

// Sweep removes from dir the hidden temporary files (".NAME.~genPID.….tmp")
// that an earlier gen process left when it was killed: those of processes
// that no longer run, or, where that cannot be known, older than an hour.
// Temporary files of running processes (another gen writing into the same
// folder) are left alone. It returns how many files it removed.
func Sweep(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	self := os.Getpid()
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		i := strings.LastIndex(name, tempMark)
		if i < 0 {
			continue
		}
		rest := name[i+len(tempMark):]
		j := strings.IndexByte(rest, '.')
		if j <= 0 {
			continue
		}
		pid, err := strconv.Atoi(rest[:j])
		if err != nil || pid == self {
			continue
		}
		stale := false
		switch alive, known := processAlive(pid); {
		case known:
			stale = !alive
		default:
			if info, err := e.Info(); err == nil {
				stale = time.Since(info.ModTime()) > staleAge
			}
		}
		if stale && os.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n
}
