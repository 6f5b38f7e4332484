package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
)

// Batch writes the outputs of one job (a report's PDF and DOCX, or a
// volume's) so that they appear together or not at all:
//
//	b := build.NewBatch(ctx)
//	defer b.Discard()                       // no-op after a successful Commit
//	if err := b.Stage(pdfPath, writePDF); err != nil { return err }
//	if err := b.Stage(docxPath, writeDOCX); err != nil { return err }
//	return b.Commit()
//
// Stage writes each file to a hidden temporary file next to its target and
// checks that it is complete (see Verify); Commit renames them all into
// place, restoring the older files if any rename fails. A cancelled ctx
// (Ctrl-C) makes the write in progress fail and Commit refuse, so an
// interrupted job leaves none of its files and the older ones untouched.
// A Batch is used by one goroutine.
type Batch struct {
	ctx    context.Context
	staged []staged
	done   bool
	// sync, if not nil, makes the staged files durable at Commit, shared
	// with other batches (see groupSync); else each is synced when staged.
	sync *groupSync
}

type staged struct{ tmp, path string }

// NewBatch starts an empty batch whose writes stop when ctx is cancelled.
func NewBatch(ctx context.Context) *Batch { return &Batch{ctx: ctx} }

// Stage writes one output through write into a temporary file in the
// folder of path and verifies it; the file is not visible under path until
// Commit. On error nothing of this output is left on disk (the batch's
// other staged files stay staged until Commit or Discard). A panic in
// write becomes an error wrapping ErrPanic.
func (b *Batch) Stage(path string, write func(io.Writer) error) error {
	if b.done {
		return errors.New("build: Stage after Commit or Discard")
	}
	s, err := b.stage(path, write)
	if err != nil {
		return err
	}
	b.staged = append(b.staged, s)
	return nil
}

// StageAll stages several outputs at the same time, each as Stage does:
// the disk's waits (each file is synced before it is checked, a few ms)
// overlap instead of adding up. It returns one error per path, nil for
// the outputs staged; those are kept in the order of paths, whatever
// order they finished in, and stay staged until Commit or Discard even if
// others failed.
func (b *Batch) StageAll(paths []string, writes []func(io.Writer) error) []error {
	if b.done {
		errs := make([]error, len(paths))
		for i := range errs {
			errs[i] = errors.New("build: Stage after Commit or Discard")
		}
		return errs
	}
	return b.stageAll(paths, writes, nil)
}

// stageExports stages the outputs of a report that exportAll did not
// stage early, at the same time, and adopts those it did; like StageAll it
// returns one error per path and keeps the staged files in path order.
func (b *Batch) stageExports(paths []string, exports []export) []error {
	writes := make([]func(io.Writer) error, len(paths))
	early := make([]*earlyStage, len(paths))
	for i := range exports {
		writes[i], early[i] = exports[i].writeTo, exports[i].early
	}
	return b.stageAll(paths, writes, early)
}

// stageAll stages path i through writes[i] unless early[i] holds it
// staged already (early may be nil), all at the same time.
func (b *Batch) stageAll(paths []string, writes []func(io.Writer) error, early []*earlyStage) []error {
	errs := make([]error, len(paths))
	res := make([]staged, len(paths))
	var wg sync.WaitGroup
	for i := range paths {
		if early != nil && early[i] != nil {
			res[i], errs[i] = early[i].s, early[i].err
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = b.stage(paths[i], writes[i])
		}()
	}
	wg.Wait()
	for i, s := range res {
		if errs[i] == nil {
			b.staged = append(b.staged, s)
		}
	}
	return errs
}

// stage writes, syncs (unless b.sync will, at Commit) and checks one
// temporary file; it is safe to call from several goroutines at once.
func (b *Batch) stage(path string, write func(io.Writer) error) (_ staged, err error) {
	if err := b.ctx.Err(); err != nil {
		return staged{}, err
	}
	tmp, err := createTemp(path)
	if err != nil {
		return staged{}, explainWriteErr(path, err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v\n%s", ErrPanic, p, debug.Stack())
		}
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	cw := &checkedWriter{ctx: b.ctx, w: tmp}
	if err = write(cw); err != nil {
		return staged{}, explainWriteErr(path, err)
	}
	if cw.err != nil {
		// The exporter swallowed a failed write (disk full): the file is
		// incomplete whatever it returned.
		return staged{}, explainWriteErr(path, cw.err)
	}
	if err = b.ctx.Err(); err != nil {
		return staged{}, err
	}
	if b.sync == nil {
		if err = tmp.Sync(); err != nil {
			return staged{}, explainWriteErr(path, err)
		}
	}
	if err = Verify(path, tmp); err != nil {
		return staged{}, err
	}
	if err = tmp.Close(); err != nil {
		return staged{}, explainWriteErr(path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return staged{}, explainWriteErr(path, err)
	}
	return staged{tmp: tmp.Name(), path: path}, nil
}

// Commit renames every staged file into place. If the context was
// cancelled, or a rename fails, the files already renamed are put back as
// they were (older files restored, new ones removed) and nothing of the
// batch remains. Once the renames have begun, a cancellation no longer
// stops them: they take microseconds.
func (b *Batch) Commit() error {
	if b.done {
		return errors.New("build: Commit after Commit or Discard")
	}
	if b.sync != nil && len(b.staged) > 0 {
		if err := b.sync.wait(); err != nil {
			path := b.staged[0].path
			b.Discard()
			return explainWriteErr(path, err)
		}
	}
	if err := b.ctx.Err(); err != nil {
		b.Discard()
		return err
	}
	type undo struct {
		path, backup string // backup "" means: path was new
		moved        bool   // the older file was moved to backup, not linked
	}
	var done []undo
	rollback := func() {
		for i := len(done) - 1; i >= 0; i-- {
			u := done[i]
			if u.backup == "" {
				os.Remove(u.path)
			} else {
				os.Rename(u.backup, u.path)
			}
		}
	}
	for _, s := range b.staged {
		u := undo{path: s.path}
		if st, err := os.Lstat(s.path); err == nil {
			if st.IsDir() {
				rollback()
				b.Discard()
				return &OutputError{Path: s.path, Code: "name-is-folder",
					ZH: fmt.Sprintf("无法写入 %s：已有同名的文件夹（file exists as a folder）：请改名或移走该文件夹", s.path),
					EN: fmt.Sprintf("cannot write %s: a folder of that name exists (file exists): rename or move the folder", s.path)}
			}
			u.backup = tempName(s.path, "old")
			// A hard link keeps the older file while the rename replaces
			// it atomically; where links are not possible, move it aside.
			linked := os.Link(s.path, u.backup) == nil
			if !linked {
				if err := os.Rename(s.path, u.backup); err != nil {
					rollback()
					b.Discard()
					return explainWriteErr(s.path, err)
				}
			}
			u.moved = !linked
		}
		if err := os.Rename(s.tmp, s.path); err != nil {
			switch {
			case u.moved:
				os.Rename(u.backup, s.path) // put the older file back
			case u.backup != "":
				os.Remove(u.backup) // the older file is still in place
			}
			rollback()
			b.Discard()
			return explainWriteErr(s.path, err)
		}
		done = append(done, u)
	}
	for _, u := range done {
		if u.backup != "" {
			os.Remove(u.backup)
		}
	}
	b.staged, b.done = nil, true
	return nil
}

// Discard removes every staged file; the targets are untouched. It may be
// called any number of times, also after Commit (then it does nothing).
func (b *Batch) Discard() {
	for _, s := range b.staged {
		os.Remove(s.tmp)
	}
	b.staged, b.done = nil, true
}

// Paths lists the targets staged so far, in order.
func (b *Batch) Paths() []string {
	out := make([]string, len(b.staged))
	for i, s := range b.staged {
		out[i] = s.path
	}
	return out
}

// tempMark is in the name of every temporary file gen makes, with the
// process id, so that a later run can sweep the ones a killed run left.
const tempMark = ".~gen"

// createTemp makes the hidden temporary file for path in its folder:
// ".NAME.~genPID.RANDOM.tmp".
func createTemp(path string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempMark+strconv.Itoa(os.Getpid())+".*.tmp")
}

// tempName is a fresh name like createTemp's, for a backup.
func tempName(path, kind string) string {
	f, err := createTemp(path)
	if err != nil {
		return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+tempMark+strconv.Itoa(os.Getpid())+"."+kind+".tmp")
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return name
}

// checkedWriter remembers the first failed write, so that an exporter that
// ignores write errors cannot make an incomplete file look complete, and
// fails every write once the context is cancelled.
type checkedWriter struct {
	ctx context.Context
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if err := c.ctx.Err(); err != nil {
		c.err = err
		return 0, err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}
