package build

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Verify checks that a written output is complete before it is renamed
// into place, by its extension: a PDF must end with %%EOF after a startxref
// that points at a cross-reference table (with its trailer) or stream
// inside the file; a DOCX must be a complete ZIP (its central directory
// read, every entry inside the file) holding word/document.xml. Other
// extensions are not checked. f is read from the start; its offset is
// left anywhere.
func Verify(path string, f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var problem string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		problem = checkPDF(f, st.Size())
	case ".docx":
		problem = checkZip(f, st.Size())
	default:
		return nil
	}
	if problem == "" {
		return nil
	}
	return &OutputError{Path: path, Code: "output-incomplete",
		ZH: fmt.Sprintf("%s 写出后检查不完整（%s），未替换原有文件：请检查磁盘空间后重试；若反复出现，请报告此问题", path, problem),
		EN: fmt.Sprintf("%s is incomplete after writing (%s); the existing file was kept: check the free disk space and retry, and report it if it happens again", path, problem)}
}

// checkPDF returns what is wrong with the end of a PDF of size bytes, or "".
func checkPDF(r io.ReaderAt, size int64) string {
	if size < 64 {
		return "PDF 太短（PDF too short）"
	}
	head := make([]byte, 5)
	if _, err := r.ReadAt(head, 0); err != nil || string(head) != "%PDF-" {
		return "缺少 %PDF- 文件头（no %PDF- header）"
	}
	n := int64(2048)
	if n > size {
		n = size
	}
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && err != io.EOF {
		return err.Error()
	}
	tail = bytes.TrimRight(tail, "\r\n \t\x00")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		return "结尾没有 %%EOF（no %%EOF at the end）"
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return "缺少 startxref（no startxref）"
	}
	num := strings.TrimSpace(string(tail[i+len("startxref") : len(tail)-len("%%EOF")]))
	off, err := strconv.ParseInt(num, 10, 64)
	if err != nil || off <= 0 || off >= size {
		return "startxref 的位置无效（bad startxref offset）"
	}
	at := make([]byte, 32)
	k, _ := r.ReadAt(at, off)
	at = at[:k]
	switch {
	case bytes.HasPrefix(at, []byte("xref")):
		// A classic table: its trailer must stand between it and startxref.
		if !bytes.Contains(tail[:i], []byte("trailer")) {
			// The trailer may lie before the last 2 KB for a long table.
			buf := make([]byte, size-n-off+int64(i))
			if int64(len(buf)) > 0 && int64(len(buf)) < 64<<20 {
				r.ReadAt(buf, off)
				if bytes.Contains(buf, []byte("trailer")) {
					return ""
				}
			}
			return "交叉引用表后缺少 trailer（no trailer after the xref table）"
		}
	case isObjHeader(at):
		// A cross-reference stream.
	default:
		return "startxref 指向的不是交叉引用表（startxref does not point at an xref）"
	}
	return ""
}

// isObjHeader reports whether b starts with "N G obj".
func isObjHeader(b []byte) bool {
	f := bytes.Fields(b)
	if len(f) < 3 || !bytes.HasPrefix(f[2], []byte("obj")) {
		return false
	}
	_, e1 := strconv.Atoi(string(f[0]))
	_, e2 := strconv.Atoi(string(f[1]))
	return e1 == nil && e2 == nil
}

// checkZip returns what is wrong with a DOCX of size bytes, or "".
func checkZip(r io.ReaderAt, size int64) string {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "不是完整的 ZIP 文件（not a complete zip）: " + err.Error()
	}
	doc := false
	for _, f := range zr.File {
		off, err := f.DataOffset()
		if err != nil || off < 0 || off+int64(f.CompressedSize64) > size {
			return "ZIP 部件 " + f.Name + " 超出文件末尾（zip entry past the end）"
		}
		doc = doc || f.Name == "word/document.xml"
	}
	if !doc {
		return "缺少 word/document.xml（no word/document.xml）"
	}
	return ""
}
