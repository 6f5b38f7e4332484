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
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gongwen/gen/generator/load"
)

// Expand turns command-line paths (files, directories, globs) into a sorted,
// de-duplicated list of data files. A directory yields its regular files
// whose names end in .yaml or .yml, in any case (not recursively); a path
// that exists is taken literally, never as a pattern (a folder may be named
// "[2023]"); "-" stands for standard input. A path or pattern that finds
// no data file is an error naming what was searched.
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
		if p == "" {
			return nil, &OutputError{Code: "empty-path", ZH: "路径为空：请给出数据文件、文件夹或通配符", EN: "an empty path: give a data file, folder or glob"}
		}
		if p == "-" {
			add(p)
			continue
		}
		if st, err := os.Stat(p); err == nil {
			if st.IsDir() {
				found, err := dataFiles(p)
				if err != nil {
					return nil, err
				}
				if len(found) == 0 {
					return nil, &OutputError{Path: p, Code: "no-data-files",
						ZH: fmt.Sprintf("文件夹 %s 中没有 .yaml 或 .yml 数据文件（不查找子文件夹）：请检查路径，或运行 gen init 写一个起始文件", p),
						EN: fmt.Sprintf("the folder %s holds no .yaml or .yml data file (sub-folders are not searched): check the path, or run gen init for a starter file", p)}
				}
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
			return nil, &OutputError{Path: p, Code: "bad-pattern",
				ZH: fmt.Sprintf("找不到 %s，作为通配符也有误（%v）：请检查路径", p, err),
				EN: fmt.Sprintf("%s does not exist and is not a valid pattern (%v): check the path", p, err)}
		}
		if len(m) == 0 {
			return nil, &OutputError{Path: p, Code: "not-found",
				ZH: fmt.Sprintf("找不到 %q：没有这个文件或文件夹，作为通配符也没有匹配：请检查路径", p),
				EN: fmt.Sprintf("%q not found: no such file or folder, and no match as a pattern: check the path", p)}
		}
		sort.Strings(m)
		for _, f := range m {
			if st, err := os.Stat(f); err == nil && st.IsDir() || strings.HasPrefix(filepath.Base(f), "~$") || IsConfig(filepath.Base(f)) {
				continue // folders, Word's lock files of open documents, gen.yaml
			}
			add(f)
		}
	}
	return out, nil
}

// IsConfig tells gen's configuration file (gen.yaml or gen.yml, in any
// case), which a folder or a pattern never yields as a data file; named
// alone on the command line it is still read.
func IsConfig(name string) bool {
	n := strings.ToLower(name)
	return n == "gen.yaml" || n == "gen.yml"
}

// dataFiles lists the data files of folder dir, sorted: regular files (or
// links to them) named *.yaml or *.yml in any case.
func dataFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &OutputError{Path: dir, Code: "read-folder", Err: err,
			ZH: fmt.Sprintf("无法读取文件夹 %s：%v", dir, err), EN: fmt.Sprintf("cannot read the folder %s: %v", dir, err)}
	}
	var found, docs []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if load.Importable(e.Name()) {
			// Word, text and Markdown reports count only in a folder
			// without data files (gen's own DOCX outputs stay outputs).
			if e.Type().IsRegular() {
				docs = append(docs, filepath.Join(dir, e.Name()))
			}
			continue
		}
		if ext != ".yaml" && ext != ".yml" || strings.HasPrefix(e.Name(), ".") || IsConfig(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
				continue
			}
		} else if !e.Type().IsRegular() {
			continue // FIFOs, devices, sockets, folders named x.yaml
		}
		found = append(found, p)
	}
	if len(found) == 0 {
		found = docs
	}
	sort.Strings(found)
	return found, nil
}

// reserved are Windows device names that cannot be file names.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func init() {
	for _, d := range []string{"¹", "²", "³"} {
		reserved["COM"+d], reserved["LPT"+d] = true, true
	}
	for i := 0; i <= 9; i++ {
		reserved[fmt.Sprintf("COM%d", i)] = true
		reserved[fmt.Sprintf("LPT%d", i)] = true
	}
}

// MaxNameBytes bounds the bytes of a name SafeName returns: with a "-N"
// from Namer, an extension and the temporary file's hidden prefix and
// suffix it stays under the 255 bytes file systems allow for one name.
const MaxNameBytes = 200

// SafeName turns a title into a file name that stays inside the output
// folder on every system: no separators, no characters Windows forbids
// (: * ? " < > |), no "..", no leading or trailing dots and spaces, no
// reserved device names (CON, NUL, COM1 …), no control characters, at most
// MaxNameBytes bytes cut on a character boundary.
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
	s := b.String()
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	s = strings.Trim(s, ". ")
	if len(s) > MaxNameBytes {
		cut := MaxNameBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = strings.Trim(s[:cut], ". ")
	}
	if s == "" {
		s = "报告"
	}
	if base := strings.ToUpper(strings.TrimRight(strings.SplitN(s, ".", 2)[0], " ")); reserved[base] {
		s = "_" + s
	}
	return s
}

// Namer hands out distinct file names within one run, ignoring case (as
// Windows and macOS do).
type Namer struct{ used map[string]bool }

// Name returns base, or the first of base-2, base-3 … not given out yet
// (a title may itself end in "-2").
func (n *Namer) Name(base string) string {
	if n.used == nil {
		n.used = map[string]bool{}
	}
	name := base
	for i := 2; n.used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	n.used[strings.ToLower(name)] = true
	return name
}

// WriteAtomic writes a file through a temporary file in the same folder and
// renames it into place, so a failure never leaves a half-written file and
// an existing file is replaced only by a complete new one.
func WriteAtomic(path string, write func(io.Writer) error) error {
	return WriteAtomicContext(context.Background(), path, write)
}

// WriteAtomicContext is WriteAtomic that gives up, leaving nothing behind,
// when ctx is cancelled before the file is complete: writes made after the
// cancellation fail, so a long export stops at its next write. The file is
// verified (see Verify) before it is renamed. A panic in write is turned
// into an error (the temporary file is removed) rather than ending a batch
// half done. It is a Batch of one file.
func WriteAtomicContext(ctx context.Context, path string, write func(io.Writer) error) error {
	b := NewBatch(ctx)
	defer b.Discard()
	if err := b.Stage(path, write); err != nil {
		return err
	}
	return b.Commit()
}

// ErrPanic marks an export that panicked (a bug in gen): the report fails
// with the panic's message and stack, the others go on.
var ErrPanic = errors.New("内部错误，请报告此问题（internal error, please report）")
