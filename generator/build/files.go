// Package build runs the generator over input files: it expands paths,
// picks reports, names outputs safely and writes them atomically through the
// registered exporters.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"unicode"
)

// Expand turns command-line paths (files, directories, globs) into a sorted,
// de-duplicated list of data files. A directory yields its *.yaml and *.yml
// files (not recursively).
func Expand(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			if st.IsDir() {
				var found []string
				for _, pat := range []string{"*.yaml", "*.yml"} {
					m, _ := filepath.Glob(filepath.Join(p, pat))
					found = append(found, m...)
				}
				sort.Strings(found)
				for _, f := range found {
					add(f)
				}
				continue
			}
			add(p)
			continue
		}
		m, err := filepath.Glob(p)
		if err != nil {
			return nil, fmt.Errorf("路径模式 %q 有误（bad pattern）: %v", p, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("找不到 %q：请检查路径（no such file or no match）", p)
		}
		sort.Strings(m)
		for _, f := range m {
			add(f)
		}
	}
	return out, nil
}

// reserved are Windows device names that cannot be file names.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true}

func init() {
	for i := 1; i <= 9; i++ {
		reserved[fmt.Sprintf("COM%d", i)] = true
		reserved[fmt.Sprintf("LPT%d", i)] = true
	}
}

// SafeName turns a title into a file name that stays inside the output
// folder on every system: no separators, no "..", no reserved names, no
// control characters, at most 80 characters.
func SafeName(title string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(strings.TrimSpace(b.String()), ".")
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	if s == "" {
		s = "报告"
	}
	if base := strings.ToUpper(strings.SplitN(s, ".", 2)[0]); reserved[base] {
		s = "_" + s
	}
	return s
}

// Namer hands out distinct file names within one run.
type Namer struct{ used map[string]int }

// Name returns base, or base-2, base-3 … when base was already given out.
func (n *Namer) Name(base string) string {
	if n.used == nil {
		n.used = map[string]int{}
	}
	key := strings.ToLower(base)
	n.used[key]++
	if c := n.used[key]; c > 1 {
		name := fmt.Sprintf("%s-%d", base, c)
		n.used[strings.ToLower(name)]++
		return name
	}
	return base
}

// WriteAtomic writes a file through a temporary file in the same folder and
// renames it into place, so a failure never leaves a half-written file and
// an existing file is replaced only by a complete new one.
func WriteAtomic(path string, write func(io.Writer) error) error {
	return WriteAtomicContext(context.Background(), path, write)
}

// WriteAtomicContext is WriteAtomic that gives up, leaving nothing behind,
// when ctx is cancelled before the file is complete: writes made after the
// cancellation fail, so a long export stops at its next write. A panic in
// write is turned into an error (the temporary file is removed) rather than
// ending a batch half done.
func WriteAtomicContext(ctx context.Context, path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
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
	if err = write(ctxWriter{ctx, tmp}); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ErrPanic marks an export that panicked (a bug in gen): the report fails
// with the panic's message and stack, the others go on.
var ErrPanic = errors.New("内部错误，请报告此问题（internal error, please report）")

// ctxWriter fails every write once its context is cancelled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
