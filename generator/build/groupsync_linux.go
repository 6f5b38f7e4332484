//go:build linux

package build

import (
	"os"

	"golang.org/x/sys/unix"
)

// newGroupSync returns the group sync of the filesystem that holds dir,
// through syncfs(2).
func newGroupSync(dir string) *groupSync {
	return newGroupSyncWith(func() error {
		f, err := os.Open(dir)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := unix.Syncfs(int(f.Fd())); err != nil {
			return &os.PathError{Op: "syncfs", Path: dir, Err: err}
		}
		return nil
	})
}
