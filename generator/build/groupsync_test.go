package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Callers that come while a sync runs share the next one; every caller
// returns only after a sync that began after it called has ended.
func TestGroupSyncShares(t *testing.T) {
	var calls atomic.Int32
	var mu sync.Mutex
	var began []time.Time // when each sync began
	g := newGroupSyncWith(func() error {
		mu.Lock()
		began = append(began, time.Now())
		mu.Unlock()
		calls.Add(1)
		time.Sleep(5 * time.Millisecond)
		return nil
	})
	const n = 40
	var wg sync.WaitGroup
	late := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			called := time.Now()
			if err := g.wait(); err != nil {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, b := range began {
				if !b.Before(called) {
					late[i] = true // a sync began after the call
				}
			}
		}()
		if i%10 == 9 {
			time.Sleep(7 * time.Millisecond)
		}
	}
	wg.Wait()
	for i, ok := range late {
		if !ok {
			t.Errorf("caller %d returned with no sync begun after its call", i)
		}
	}
	if c := calls.Load(); c < 2 || c >= n {
		t.Errorf("%d syncs for %d callers: want them shared", c, n)
	}
}

// A failed sync is the error of every caller it was to cover; the next
// callers get a fresh sync.
func TestGroupSyncError(t *testing.T) {
	fail := errors.New("I/O error")
	var n atomic.Int32
	g := newGroupSyncWith(func() error {
		if n.Add(1) == 1 {
			return fail
		}
		return nil
	})
	if err := g.wait(); !errors.Is(err, fail) {
		t.Errorf("first wait: %v, want %v", err, fail)
	}
	if err := g.wait(); err != nil {
		t.Errorf("second wait: %v", err)
	}
}

// A batch with a group sync renames its files only after a sync that
// began after they were staged; a failed sync leaves nothing of the
// batch, the older file untouched and no temporary file.
func TestBatchGroupSync(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var synced atomic.Int32
	var visibleAtSync []string
	g := newGroupSyncWith(func() error {
		synced.Add(1)
		for name := range listDir(t, dir) {
			if !strings.HasPrefix(name, ".") { // not a temporary file
				visibleAtSync = append(visibleAtSync, name)
			}
		}
		return nil
	})
	b := NewBatch(ctx)
	b.sync = g
	if err := b.Stage(filepath.Join(dir, "r.pdf"), writeBytes(tinyPDF())); err != nil {
		t.Fatal(err)
	}
	if err := b.Stage(filepath.Join(dir, "r.docx"), writeBytes(tinyDOCX(t))); err != nil {
		t.Fatal(err)
	}
	if synced.Load() != 0 {
		t.Error("synced while staging")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if synced.Load() != 1 || len(visibleAtSync) != 0 {
		t.Errorf("%d syncs; visible at the sync: %v (want 1, none)", synced.Load(), visibleAtSync)
	}
	if got := listDir(t, dir); len(got) != 2 || got["r.pdf"] != string(tinyPDF()) {
		t.Errorf("after Commit: %d files", len(got))
	}

	fail := errors.New("input/output error")
	dir2 := t.TempDir()
	os.WriteFile(filepath.Join(dir2, "r.pdf"), []byte("old pdf"), 0o644)
	b = NewBatch(ctx)
	b.sync = newGroupSyncWith(func() error { return fail })
	if err := b.Stage(filepath.Join(dir2, "r.pdf"), writeBytes(tinyPDF())); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(); !errors.Is(err, fail) {
		t.Errorf("Commit after a failed sync: %v, want %v", err, fail)
	}
	if got := listDir(t, dir2); got["r.pdf"] != "old pdf" {
		t.Errorf("after the failed sync: %v", got)
	}
	if names, _ := os.ReadDir(dir2); len(names) != 1 {
		t.Errorf("%d entries left in the folder, want the older file alone", len(names))
	}
}
