package build

import (
	"errors"
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
