package testkit

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// CompensateOverflowPunct returns a copy of a DOCX file for LibreOffice
// with w:overflowPunct inverted in every XML part of word/. LibreOffice's
// DOCX import reads the property the wrong way round (writerfilter
// DomainMapper sets ParaIsHangingPunctuation to val == 0), so a document
// that forbids punctuation in the margin, as Word reads it, gets hanging
// punctuation in LibreOffice, and LibreOffice 7.4 then drops some of the
// hanging marks from its PDF. Tests that measure the grid and compare the
// text convert the compensated copy; the document itself stays correct
// for Word and WPS.
func CompensateOverflowPunct(docx []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, err
	}
	flip := strings.NewReplacer(
		`<w:overflowPunct w:val="0"/>`, `<w:overflowPunct w:val="1"/>`,
		`<w:overflowPunct w:val="1"/>`, `<w:overflowPunct w:val="0"/>`,
		`<w:overflowPunct/>`, `<w:overflowPunct w:val="0"/>`)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(f.Name, "word/") && strings.HasSuffix(f.Name, ".xml") {
			b = []byte(flip.Replace(string(b)))
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
