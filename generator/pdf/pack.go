package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
)

// gopdf v0.33.0 compresses every stream itself, one after the other, with
// compress/zlib, and gives no way to choose the compressor or the level;
// that took over half the time of writing a PDF. So gopdf writes the file
// uncompressed and without fonts (see fontdict.go), into the packer, which
// rewrites it: each stream deflated, in parallel, the fonts appended after
// gopdf's objects and named in the page resources, with a fresh
// cross-reference table. It checks the structure it relies on and fails
// rather than write a PDF it did not understand.

// Level is the deflate level (klauspost/compress/flate) of every stream,
// chosen by size and time together. Glyph outlines barely compress (a
// CJK glyph is ~600 bytes; the 7-page report's 366 KB of 仿宋 outlines
// deflate to 250 KB), and deflating them is most of writing a PDF. The
// 4-page report (11-人社局; budget 178,176 B) is 175,568 B at level 3,
// 177,547 at 2 and 178,788 at 1 (Huffman-only: over 189,000), while
// BenchmarkWrite (7 pages) takes 7.1–7.4 ms at 3, 5.3–6.2 at 2 and 6.2–7.0
// at 1. (A ToUnicode map of ranges with arrays would save 1 KB, but
// Ghostscript's text extraction misreads it.) Content streams and ToUnicode
// maps compress 3:1 and are small: level 7 won 341 B there over level 3,
// but each of its deflaters holds 640 KB of hash tables that are cleared
// for every stream (a report's dozen streams: 7.7 MB of clearing) and first
// touched in every process; one level lets the same deflaters do it all.
const Level = 2

// chunkSize is how much of one stream one worker deflates; larger streams
// (a CJK font file is hundreds of KB) are cut into independent deflate
// blocks, which costs a few hundred bytes per chunk.
const chunkSize = 128 << 10

var (
	objHead    = regexp.MustCompile(`^(\d+) 0 obj\n`)
	plainDict  = regexp.MustCompile(`^<<\n/Length (\d+)\n>>\nstream\n`)
	trailSize  = regexp.MustCompile(`^trailer\n<<\n/Size (\d+)\n`)
	startXref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	xrefHeader = regexp.MustCompile(`^xref\n0 (\d+)\n0000000000 65535 f \n`)
)

// deflaters keeps deflaters of one level for reuse: each holds up to 1 MB
// of tables, which cost more to allocate and clear than a small stream
// takes to compress. A sync.Pool loses them at every collection, which in a
// batch of reports is every few reports; this list keeps a few for good.
type deflaters struct {
	level int
	free  chan *flate.Writer
}

func newDeflaters(level int) *deflaters {
	return &deflaters{level: level, free: make(chan *flate.Writer, 2*runtime.GOMAXPROCS(0))}
}

func (d *deflaters) get(w io.Writer) *flate.Writer {
	select {
	case fw := <-d.free:
		fw.Reset(w)
		return fw
	default:
		fw, _ := flate.NewWriter(w, d.level)
		return fw
	}
}

func (d *deflaters) put(fw *flate.Writer) {
	select {
	case d.free <- fw:
	default:
	}
}

// deflaterPool holds the deflaters every PDF shares.
var deflaterPool = newDeflaters(Level)

// pack rewrites the PDF gopdf wrote (see above) in one piece, with fonts.
func pack(in []byte, fonts []*embedded) ([]byte, error) {
	p := newPacker(fonts)
	p.Write(in)
	return p.finish()
}

// packer is the writer gopdf writes its file into: it takes the file
// object by object as it comes, hands each stream to the deflaters at once
// (they run on the other cores while gopdf writes on) and keeps only the
// compressed objects, so a large volume never holds its whole uncompressed
// file. The font programs and ToUnicode maps are deflated from the start.
// finish checks the cross-reference table gopdf wrote against the objects
// it saw and puts the file together, fonts appended, with a fresh one.
type packer struct {
	fonts   []*embedded
	program []*zstream // the deflated font programs, as fonts
	cmaps   []*zstream // the deflated ToUnicode maps, as fonts
	jobs    chan func()
	workers sync.WaitGroup
	pending sync.WaitGroup
	stopped sync.Once

	header  []byte
	cur     []byte // input not yet taken apart
	at      int    // input offset of cur[0]
	scanned int    // cur[:scanned] holds no end of the current object
	offs    []int  // input offset of every object
	objs    []piece
	procSet int  // index in objs of the page resources (ProcSet) object, -1 until seen
	inTail  bool // cur holds the xref table and trailer
	tail    []byte
	err     error
	taken   func(id int) // told of every object taken, if not nil
	head    string       // "n 0 obj\n" of the object expected next (headID)
	headID  int
}

// piece is one object of the output: copied (plain), or its head, a
// deflated stream and the rest of the object.
type piece struct {
	plain       []byte
	head, after []byte
	z           *zstream
	font        bool // a font file: its dictionary gives /Length1
}

// zstream is a stream being deflated in chunks (see chunkSize).
type zstream struct {
	raw    int
	adler  uint32
	chunks [][]byte
	errs   []error
}

func newPacker(fonts []*embedded) *packer {
	p := &packer{fonts: fonts, jobs: make(chan func()), procSet: -1}
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		p.workers.Add(1)
		go func() {
			defer p.workers.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
	for _, e := range fonts {
		p.program = append(p.program, p.deflate(e.font.Program))
		p.cmaps = append(p.cmaps, p.deflate(e.cmap))
	}
	return p
}

// deflate starts deflating data, cut into chunks, on the workers.
func (p *packer) deflate(data []byte) *zstream {
	n := max(1, (len(data)+chunkSize-1)/chunkSize)
	z := &zstream{raw: len(data), adler: adler32.Checksum(data), chunks: make([][]byte, n), errs: make([]error, n)}
	for i := 0; i < n; i++ {
		part := data[i*chunkSize : min(len(data), (i+1)*chunkSize)]
		last := i == n-1
		p.pending.Add(1)
		p.jobs <- func() {
			defer p.pending.Done()
			var buf bytes.Buffer
			buf.Grow(len(part)/2 + 64)
			fw := deflaterPool.get(&buf)
			_, err := fw.Write(part)
			if err == nil {
				if last {
					err = fw.Close()
				} else {
					err = fw.Flush() // byte-aligned, not final: chunks concatenate
				}
			}
			deflaterPool.put(fw)
			z.chunks[i], z.errs[i] = buf.Bytes(), err
		}
	}
	return z
}

// Write takes gopdf's output; it never fails (finish reports what was
// wrong), so gopdf, which drops write errors, writes on to the end.
func (p *packer) Write(b []byte) (int, error) {
	if p.err == nil {
		p.cur = append(p.cur, b...)
		p.err = p.take()
	}
	return len(b), nil
}

var endObj = []byte("endobj\n\n")

// noFonts is the empty font dictionary of gopdf's page resources, which
// finish fills in.
var noFonts = []byte("\t/Font <<\n\t>>\n")

// take takes every complete object off the front of cur.
func (p *packer) take() error {
	if p.header == nil {
		i := bytes.Index(p.cur, []byte("\n\n1 0 obj\n"))
		if i < 0 {
			if len(p.cur) > 64 {
				return errors.New("no object 1 after the header")
			}
			return nil
		}
		p.header = bytes.Clone(p.cur[:i+2])
		p.advance(i + 2)
	}
	for !p.inTail {
		if bytes.HasPrefix(p.cur, []byte("xref\n")) {
			p.inTail = true // the rest stays in cur
			return nil
		}
		id := len(p.offs) + 1
		if p.headID != id {
			p.head, p.headID = strconv.Itoa(id)+" 0 obj\n", id
		}
		head := p.head
		if len(p.cur) < len(head) {
			if !strings.HasPrefix(head, string(p.cur)) && !strings.HasPrefix("xref\n", string(p.cur)) {
				return fmt.Errorf("object %d: not where expected", id)
			}
			return nil
		}
		if string(p.cur[:len(head)]) != head {
			return fmt.Errorf("object %d: not where expected", id)
		}
		from := max(p.scanned, len(head))
		e := bytes.Index(p.cur[from:], endObj)
		if e < 0 {
			p.scanned = max(len(head), len(p.cur)-len(endObj))
			return nil
		}
		end := from + e + len(endObj)
		body := p.cur[len(head):]
		if end == len(head)+len(endObj) {
			// gopdf drops an object's write error and leaves it empty
			return fmt.Errorf("object %d is incomplete", id)
		}
		dict := body[:min(len(body), 256)]
		var pc piece
		if m := plainDict.FindSubmatchIndex(dict); m != nil {
			n, _ := strconv.Atoi(string(body[m[2]:m[3]]))
			if len(body) < m[1]+n+len("endstream\n")+len(endObj) {
				p.scanned = len(p.cur) - len(endObj)
				return nil
			}
			rest := body[m[1]:]
			if !bytes.HasPrefix(rest[n:], []byte("endstream\nendobj\n\n")) {
				return fmt.Errorf("object %d: stream length", id)
			}
			end = len(head) + m[1] + n + len("endstream\n") + len(endObj)
			// data is a slice of cur's array, which advance leaves to the
			// deflater (and the collector once it is done)
			pc = piece{head: []byte(head), z: p.deflate(rest[:n]), after: []byte("\nendstream\nendobj\n\n")}
		} else {
			obj := p.cur[:end]
			if bytes.Contains(obj, []byte("\nstream\n")) || bytes.Contains(obj, []byte("/FontFile")) {
				return fmt.Errorf("object %d: a stream or font this package did not ask gopdf for", id)
			}
			if bytes.HasPrefix(body, []byte("<<\n\t/ProcSet [")) {
				if p.procSet >= 0 || !bytes.Contains(obj, noFonts) {
					return fmt.Errorf("object %d: unexpected page resources", id)
				}
				p.procSet = len(p.objs)
			}
			pc = piece{plain: bytes.Clone(obj)}
		}
		p.offs = append(p.offs, p.at)
		p.objs = append(p.objs, pc)
		p.advance(end)
		if p.taken != nil {
			p.taken(id)
		}
	}
	return nil
}

// advance drops n bytes off cur, copying the rest (the start of the next
// object) so that cur's old array is not kept for it.
func (p *packer) advance(n int) {
	p.at += n
	p.cur = append([]byte(nil), p.cur[n:]...)
	p.scanned = 0
}

// stop lets the workers end once every stream given to them is deflated,
// and waits for them; it may be called more than once.
func (p *packer) stop() {
	p.stopped.Do(func() {
		close(p.jobs)
		p.workers.Wait()
		p.pending.Wait()
	})
}

// finish waits for the deflaters, checks what gopdf wrote and returns the
// packed file.
func (p *packer) finish() ([]byte, error) {
	p.stop()
	if p.err != nil {
		return nil, p.err
	}
	if !p.inTail {
		return nil, errors.New("no xref table at the end")
	}
	p.tail = p.cur
	if err := p.checkTail(); err != nil {
		return nil, err
	}
	if p.procSet < 0 {
		return nil, errors.New("no page resources (ProcSet) object")
	}
	// The fonts, after gopdf's objects, and the page resources naming them.
	first := len(p.objs) + 1
	res := []byte("\t/Font <<\n")
	for k, e := range p.fonts {
		id := first + fontObjects*k
		type0, cid, desc := e.dicts(id)
		head := func(n int) []byte { return []byte(strconv.Itoa(n) + " 0 obj\n") }
		end := []byte("endobj\n\n")
		p.objs = append(p.objs,
			piece{plain: slices.Concat(head(id), type0, end)},
			piece{plain: slices.Concat(head(id+1), cid, end)},
			piece{plain: slices.Concat(head(id+2), desc, end)},
			piece{head: head(id + 3), z: p.cmaps[k], after: []byte("\nendstream\nendobj\n\n")},
			piece{head: head(id + 4), z: p.program[k], font: true, after: []byte("\nendstream\nendobj\n\n")})
		res = fmt.Appendf(res, "\t\t/%s %d 0 R\n", e.res, id)
	}
	res = append(res, "\t>>\n"...)
	ps := &p.objs[p.procSet]
	ps.plain = bytes.Replace(ps.plain, noFonts, res, 1)
	trailer := p.trailer()
	m := trailSize.FindSubmatchIndex(trailer)
	if m == nil {
		return nil, errors.New("unexpected trailer")
	}
	trailer = slices.Concat(trailer[:m[2]], []byte(strconv.Itoa(len(p.objs)+1)), trailer[m[3]:])
	size := len(p.header) + 100 + 20*len(p.objs) + len(trailer)
	for _, pc := range p.objs {
		if pc.z == nil {
			size += len(pc.plain)
			continue
		}
		for i, c := range pc.z.chunks {
			if pc.z.errs[i] != nil {
				return nil, pc.z.errs[i]
			}
			size += len(c)
		}
		size += 100 + len(pc.after)
	}
	out := make([]byte, 0, size)
	out = append(out, p.header...)
	offsets := make([]int, len(p.objs))
	for i, pc := range p.objs {
		offsets[i] = len(out)
		if pc.z == nil {
			out = append(out, pc.plain...)
			continue
		}
		zlen := 2 + 4
		for _, c := range pc.z.chunks {
			zlen += len(c)
		}
		out = append(out, pc.head...)
		if pc.font {
			out = fmt.Appendf(out, "<</Filter/FlateDecode/Length1 %d/Length %d>>\nstream\n", pc.z.raw, zlen)
		} else {
			out = fmt.Appendf(out, "<</Filter/FlateDecode/Length %d>>\nstream\n", zlen)
		}
		out = append(out, 0x78, 0x9c) // zlib header: deflate, 32 KB window
		for _, c := range pc.z.chunks {
			out = append(out, c...)
		}
		out = binary.BigEndian.AppendUint32(out, pc.z.adler)
		out = append(out, pc.after...)
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs)+1)
	for _, off := range offsets {
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = append(out, trailer...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out, nil
}

// checkTail checks gopdf's cross-reference table against the offsets of
// the objects as they came.
func (p *packer) checkTail() error {
	t := p.tail
	m := startXref.FindSubmatch(t)
	if m == nil {
		return errors.New("no startxref at the end")
	}
	if x, _ := strconv.Atoi(string(m[1])); x != p.at {
		return errors.New("startxref does not point at the xref table")
	}
	h := xrefHeader.FindSubmatch(t)
	if h == nil {
		return errors.New("unexpected xref table")
	}
	n, _ := strconv.Atoi(string(h[1]))
	if n != len(p.offs)+1 {
		return fmt.Errorf("xref table of %d entries for %d objects", n, len(p.offs))
	}
	q := len(h[0])
	if q+20*(n-1) > len(t) {
		return errors.New("xref table truncated")
	}
	for i := 1; i < n; i++ {
		e := t[q+20*(i-1) : q+20*i]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || !bytes.HasSuffix(e, []byte(" 00000 n \n")) || off != p.offs[i-1] {
			return fmt.Errorf("object %d: not at its offset", i)
		}
	}
	if !bytes.HasPrefix(t[q+20*(n-1):], []byte("trailer\n")) || len(t)-len(m[0]) < q+20*(n-1) {
		return errors.New("no trailer after the xref table")
	}
	return nil
}

// trailer is gopdf's trailer, from "trailer" to "startxref".
func (p *packer) trailer() []byte {
	h := xrefHeader.FindSubmatch(p.tail)
	n, _ := strconv.Atoi(string(h[1]))
	m := startXref.FindSubmatch(p.tail)
	return p.tail[len(h[0])+20*(n-1) : len(p.tail)-len(m[0])]
}

// objects splits gopdf's output into the header, its objects (object n at
// index n-1, from "n 0 obj" to the next object or the xref table) and the
// trailer (from "trailer" to "startxref"), checking the cross-reference
// table.
func objects(in []byte) (header []byte, objs [][]byte, trailer []byte, err error) {
	m := startXref.FindSubmatch(in)
	if m == nil {
		return nil, nil, nil, errors.New("no startxref at the end")
	}
	x, _ := strconv.Atoi(string(m[1]))
	if x <= 0 || x >= len(in) {
		return nil, nil, nil, errors.New("startxref out of range")
	}
	h := xrefHeader.FindSubmatch(in[x:])
	if h == nil {
		return nil, nil, nil, errors.New("unexpected xref table")
	}
	n, _ := strconv.Atoi(string(h[1]))
	p := x + len(h[0])
	if n < 1 || p+20*(n-1) > len(in) {
		return nil, nil, nil, errors.New("xref table truncated")
	}
	offs := make([]int, n)
	for i := 1; i < n; i++ {
		e := in[p+20*(i-1) : p+20*i]
		if !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			return nil, nil, nil, fmt.Errorf("xref entry %d", i)
		}
		offs[i-1], _ = strconv.Atoi(string(e[:10]))
	}
	offs[n-1] = x
	trailerAt := p + 20*(n-1)
	end := len(in) - len(m[0])
	if !bytes.HasPrefix(in[trailerAt:], []byte("trailer\n")) || end < trailerAt {
		return nil, nil, nil, errors.New("no trailer after the xref table")
	}
	objs = make([][]byte, n-1)
	for i := range objs {
		a, b := offs[i], offs[i+1]
		if a <= 0 || b < a || b > x {
			return nil, nil, nil, fmt.Errorf("object %d: offset out of order", i+1)
		}
		o := in[a:b]
		hm := objHead.FindSubmatch(o)
		if hm == nil || string(hm[1]) != strconv.Itoa(i+1) {
			return nil, nil, nil, fmt.Errorf("object %d: not at its offset", i+1)
		}
		if !bytes.HasSuffix(o, []byte("endobj\n\n")) || bytes.Equal(o[len(hm[0]):], []byte("endobj\n\n")) {
			// gopdf drops an object's write error and leaves it empty
			return nil, nil, nil, fmt.Errorf("object %d is incomplete", i+1)
		}
		objs[i] = o
	}
	return in[:offs[0]], objs, in[trailerAt:end], nil
}
