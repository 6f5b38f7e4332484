//go:build unix

package build

import (
	"errors"
	"syscall"
)

// processAlive reports whether process pid runs; known is false when that
// cannot be told.
func processAlive(pid int) (alive, known bool) {
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil || errors.Is(err, syscall.EPERM):
		return true, true
	case errors.Is(err, syscall.ESRCH):
		return false, true
	}
	return false, false
}
