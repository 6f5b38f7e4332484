package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gen/generator/layout"
)

// failWriter accepts n bytes, then fails.
type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, w.err
}

// shortWriter claims to write less than it was given, without an error.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// A failing or short write is an error, never a silently truncated PDF.
func TestWriteReportsWriteErrors(t *testing.T) {
	ex := benchExample(&testing.B{})
	if ex == nil {
		t.Skip("example 04 missing")
	}
	set := defaultFonts(t)
	disk := errors.New("no space left on device")
	cases := []struct {
		name string
		w    io.Writer
		want error
	}{
		{"fails at once", &failWriter{0, disk}, disk},
		{"fails midway", &failWriter{10000, disk}, disk},
		{"short write", shortWriter{}, io.ErrShortWrite},
	}
	for _, c := range cases {
		if err := Write(c.w, ex.doc, set, Info{}); !errors.Is(err, c.want) {
			t.Errorf("%s: Write returned %v, want %v", c.name, err, c.want)
		}
	}
}

// Every stream of a written PDF is deflated and decodes to what its
// dictionary says, and the cross-reference table points at every object.
func TestPackedStreams(t *testing.T) {
	ex := benchExample(&testing.B{})
	if ex == nil {
		t.Skip("example 04 missing")
	}
	var buf bytes.Buffer
	if err := Write(&buf, ex.doc, defaultFonts(t), Info{}); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	_, objs, _, err := objects(pdf)
	if err != nil {
		t.Fatalf("written PDF does not parse back: %v", err)
	}
	streamRe := regexp.MustCompile(`^\d+ 0 obj\n<<([^>]*)>>\nstream\n`)
	lenRe := regexp.MustCompile(`/Length (\d+)`)
	len1Re := regexp.MustCompile(`/Length1 (\d+)`)
	streams, fontFiles := 0, 0
	for i, o := range objs {
		m := streamRe.FindSubmatchIndex(o)
		if m == nil {
			continue
		}
		streams++
		dict := string(o[m[2]:m[3]])
		if !strings.Contains(dict, "/Filter/FlateDecode") {
			t.Errorf("object %d: stream not compressed: %s", i+1, dict)
			continue
		}
		n, _ := strconv.Atoi(lenRe.FindStringSubmatch(dict)[1])
		data := o[m[1] : m[1]+n]
		if !bytes.HasPrefix(o[m[1]+n:], []byte("\nendstream\nendobj")) {
			t.Errorf("object %d: /Length %d does not end at endstream", i+1, n)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Errorf("object %d: %v", i+1, err)
			continue
		}
		raw, err := io.ReadAll(zr) // checks the Adler-32 too
		if err != nil {
			t.Errorf("object %d: stream does not inflate: %v", i+1, err)
			continue
		}
		if l1 := len1Re.FindStringSubmatch(dict); l1 != nil {
			fontFiles++
			if want, _ := strconv.Atoi(l1[1]); want != len(raw) {
				t.Errorf("object %d: /Length1 %d, font file is %d bytes", i+1, want, len(raw))
			}
			// The page-number font's 12 glyphs without outlines would be
			// under 400 bytes; with them it is over 900. (The golden
			// renderings check the outlines themselves.)
			if len(raw) < 600 {
				t.Errorf("object %d: font file of %d bytes has no outlines", i+1, len(raw))
			}
		}
	}
	if streams < len(ex.doc.Pages)+fontFiles || fontFiles == 0 {
		t.Errorf("%d streams, %d font files for %d pages", streams, fontFiles, len(ex.doc.Pages))
	}
	path := filepath.Join(t.TempDir(), "packed.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// pack refuses input it does not understand instead of writing a broken PDF.
func TestPackRejects(t *testing.T) {
	ex := benchExample(&testing.B{})
	if ex == nil {
		t.Skip("example 04 missing")
	}
	pf, err := start(ex.doc, defaultFonts(t), Info{})
	if err != nil {
		t.Fatal(err)
	}
	defer pf.abandon()
	pf.gp.AddPage()
	var buf bytes.Buffer
	if _, err := pf.gp.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := pack(good, pf.packer.fonts); err != nil {
		t.Fatalf("pack of gopdf's output: %v", err)
	}
	emptied := regexp.MustCompile(`(?s)\n5 0 obj\n.*?endobj\n`).ReplaceAll(bytes.Clone(good), []byte("\n5 0 obj\nendobj\n"))
	cases := map[string][]byte{
		"truncated":        good[:len(good)/2],
		"no xref":          bytes.Replace(good, []byte("xref\n0 "), []byte("xrex\n0 "), 1),
		"moved object":     bytes.Replace(good, []byte("\n3 0 obj\n"), []byte("\n\n3 0 obj\n"), 1),
		"emptied object":   emptied,
		"no resources":     bytes.Replace(good, []byte("\t/ProcSet ["), []byte("\t/ProcSex ["), 1),
		"fonts of its own": bytes.Replace(good, noFonts, []byte("\t/Font <<\n\t\t/F1 9 0 R\n\t>>\n"), 1),
		"a font file":      bytes.Replace(good, []byte("/Type /Catalog\n"), []byte("/Type /Catalog\n/FontFile2 9 0 R\n"), 1),
		"no trailer size":  bytes.Replace(good, []byte("trailer\n<<\n/Size "), []byte("trailer\n<<\n/Sise "), 1),
	}
	for name, in := range cases {
		if bytes.Equal(in, good) {
			t.Errorf("%s: the case changes nothing", name)
		}
		if _, err := pack(in, pf.packer.fonts); err == nil {
			t.Errorf("%s: pack accepted it", name)
		}
	}
}

// The packer takes gopdf's output however it is cut into writes: fed in
// pieces of 1, 7 and 4096 bytes it packs the same file as fed whole, and
// it releases every object once.
func TestPackInPieces(t *testing.T) {
	ex := benchExample(&testing.B{})
	if ex == nil {
		t.Skip("example 04 missing")
	}
	pf, err := start(ex.doc, defaultFonts(t), Info{})
	if err != nil {
		t.Fatal(err)
	}
	defer pf.abandon()
	for pi := range ex.doc.Pages {
		pf.gp.AddPage()
		if err := pf.drawPage(&ex.doc.Pages[pi], ex.doc.BoldStroke); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := pf.gp.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	in := buf.Bytes()
	whole, err := pack(in, pf.packer.fonts)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 7, 4096} {
		p := newPacker(pf.packer.fonts)
		taken := map[int]int{}
		p.taken = func(id int) { taken[id]++ }
		for i := 0; i < len(in); i += n {
			p.Write(in[i:min(len(in), i+n)])
		}
		out, err := p.finish()
		if err != nil {
			t.Fatalf("pieces of %d: %v", n, err)
		}
		if !bytes.Equal(out, whole) {
			t.Errorf("pieces of %d: packed file differs from the one packed whole", n)
		}
		if len(taken) != len(p.offs) {
			t.Errorf("pieces of %d: %d objects released of %d", n, len(taken), len(p.offs))
		}
		for id, k := range taken {
			if k != 1 {
				t.Errorf("pieces of %d: object %d released %d times", n, id, k)
			}
		}
	}
}

// A character the run's face cannot show (the layout boxes those; this is
// the writer's own check) is an error naming it, never a PDF without it.
func TestWriteRefusesMissingGlyph(t *testing.T) {
	set := defaultFonts(t)
	body := set.Face("body")
	if body == nil {
		t.Skip("no body face")
	}
	doc := &layout.Document{Width: 595, Height: 842, Pages: []layout.Page{{Runs: []layout.Run{
		{Face: body.Name, Size: 16, X: 80, Y: 100, Text: "文\U000F0001字"},
	}}}}
	var buf bytes.Buffer
	err := Write(&buf, doc, set, Info{})
	if err == nil || !strings.Contains(err.Error(), "glyphs missing") || !strings.Contains(err.Error(), strconv.Quote("\U000F0001")) {
		t.Fatalf("Write: %v, want an error naming the missing character", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
}
