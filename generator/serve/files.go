package serve

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/gongwen/gen/generator/build"
)

// checkName accepts the name of a data file directly in the served folder:
// one path element ending in .yaml or .yml, not hidden, no separators, no
// "..", no control characters. Everything else is refused before the file
// system is asked.
func (s *Server) checkName(name string) *apiError {
	bad := name == "" || len(name) > 255 || strings.ContainsAny(name, `/\:*?"<>|`) ||
		strings.Contains(name, "..") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, " ")
	for _, r := range name {
		bad = bad || unicode.IsControl(r) || r == '\ufffd'
	}
	ext := strings.ToLower(name)
	if !bad && !strings.HasSuffix(ext, ".yaml") && !strings.HasSuffix(ext, ".yml") {
		return s.errorf(http.StatusBadRequest, "bad-name",
			"文件名 %q 应以 .yaml 或 .yml 结尾", "file name %q must end in .yaml or .yml", name)
	}
	if bad {
		return s.errorf(http.StatusBadRequest, "bad-name",
			"拒绝文件名 %q：只能是本文件夹中的文件名，不能含 /、\\、.. 或控制字符",
			"refused file name %q: only a file name in the served folder, without /, \\, .. or control characters", name)
	}
	return nil
}

// stat is the file's information; links and non-regular files are refused,
// so nothing outside the folder is reached through them.
func (s *Server) stat(name string) (fs.FileInfo, *apiError) {
	if e := s.checkName(name); e != nil {
		return nil, e
	}
	st, err := s.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, s.errorf(http.StatusNotFound, "not-found", "没有文件 %s", "no file %s", name)
	}
	if err != nil {
		return nil, s.errorf(http.StatusBadRequest, "bad-name", "无法读取 %s：%v", "cannot read %s: %v", name, err)
	}
	if !st.Mode().IsRegular() {
		return nil, s.errorf(http.StatusForbidden, "not-regular",
			"拒绝 %s：它是链接或特殊文件，只读写本文件夹中的普通文件",
			"refused %s: it is a link or special file; only plain files in the folder are used", name)
	}
	return st, nil
}

// readFile reads a data file of the folder, at most MaxBytes.
func (s *Server) readFile(name string) ([]byte, fs.FileInfo, *apiError) {
	st, e := s.stat(name)
	if e != nil {
		return nil, nil, e
	}
	if st.Size() > s.opt.Limits.MaxBytes {
		return nil, nil, s.tooLarge(st.Size())
	}
	f, err := s.root.Open(name)
	if err != nil {
		return nil, nil, s.errorf(http.StatusBadRequest, "read-file", "无法读取 %s：%v", "cannot read %s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, s.opt.Limits.MaxBytes+1))
	if err != nil {
		return nil, nil, s.errorf(http.StatusInternalServerError, "read-file", "无法读取 %s：%v", "cannot read %s: %v", name, err)
	}
	return b, st, nil
}

// writeFile writes a data file atomically, as the CLI writes its outputs:
// a temporary file in the folder, synced, then renamed over the old one. A
// failure leaves the old file as it was. With exclusive, an existing file
// is not replaced.
func (s *Server) writeFile(name string, data []byte, exclusive bool) *apiError {
	if e := s.checkName(name); e != nil {
		return e
	}
	st, err := s.root.Lstat(name)
	switch {
	case err == nil && exclusive:
		return s.errorf(http.StatusConflict, "exists", "%s 已存在，未覆盖", "%s exists; not overwritten", name)
	case err == nil && !st.Mode().IsRegular():
		return s.errorf(http.StatusForbidden, "not-regular",
			"拒绝 %s：它是链接或特殊文件", "refused %s: it is a link or special file", name)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return s.errorf(http.StatusBadRequest, "bad-name", "无法写入 %s：%v", "cannot write %s: %v", name, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	tmp := "." + name + "." + hex.EncodeToString(b) + ".tmp"
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return s.errorf(http.StatusInternalServerError, "write-file", "无法写入 %s：%v", "cannot write %s: %v", name, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil && exclusive {
		// Refuse to replace a file created meanwhile.
		if _, err := s.root.Lstat(name); err == nil {
			_ = s.root.Remove(tmp)
			return s.errorf(http.StatusConflict, "exists", "%s 已存在，未覆盖", "%s exists; not overwritten", name)
		}
	}
	if werr == nil {
		werr = s.root.Rename(tmp, name)
	}
	if werr != nil {
		_ = s.root.Remove(tmp)
		return s.errorf(http.StatusInternalServerError, "write-file", "无法写入 %s：%v", "cannot write %s: %v", name, werr)
	}
	s.mu.Lock()
	delete(s.cache, name)
	s.mu.Unlock()
	return nil
}

// dataFiles lists the data files of the folder: plain *.yaml and *.yml
// files, not hidden, sorted (as `gen DIR` takes them).
func (s *Server) dataFiles() ([]fs.FileInfo, error) {
	d, err := s.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	ents, err := d.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	var out []fs.FileInfo
	for _, e := range ents {
		if !e.Type().IsRegular() || s.checkName(e.Name()) != nil || isConfig(e.Name()) {
			continue
		}
		if st, err := e.Info(); err == nil {
			out = append(out, st)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// isConfig tells gen's configuration file, which is no data file.
func isConfig(name string) bool { return build.IsConfig(name) }
