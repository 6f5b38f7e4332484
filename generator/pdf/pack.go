package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"regexp"
	"runtime"
	"strconv"
	"sync"

	"github.com/klauspost/compress/flate"
)

// gopdf v0.33.0 compresses every stream itself, one after the other, with
// compress/zlib, and gives no way to choose the compressor or the level of
// its font files; that took over half the time of writing a PDF. So gopdf
// writes the file uncompressed (content streams and ToUnicode maps) and
// with outline-free stand-ins for the fonts, into a buffer, and pack then
// rewrites it: each uncompressed stream deflated, each stand-in font file
// replaced by the real subset, all in parallel, with a fresh
// cross-reference table. It checks the structure it relies on and fails
// rather than write a PDF it did not understand.

// Level is the deflate level of every stream (klauspost/compress/flate).
// Measured on the 14-report volume (1.03 MB PDF) and the 4-page report,
// against gopdf's own compress/zlib (content at 9, fonts at 6); see the
// commit that set it.
const Level = 6

// chunkSize is how much of one stream one worker deflates; larger streams
// (a CJK font file is hundreds of KB) are cut into independent deflate
// blocks, which costs a few hundred bytes per chunk.
const chunkSize = 128 << 10

var (
	objHead    = regexp.MustCompile(`^(\d+) 0 obj\n`)
	fontFile2  = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
	fontName   = regexp.MustCompile(`/FontName /(\S+)`)
	plainDict  = regexp.MustCompile(`^<<\n/Length (\d+)\n>>\nstream\n`)
	fontDict   = regexp.MustCompile(`^<</Length (\d+)\n/Filter /FlateDecode\n/Length1 (\d+)\n>>\nstream\n`)
	startXref  = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	xrefHeader = regexp.MustCompile(`^xref\n0 (\d+)\n0000000000 65535 f \n`)
)

// writers are deflaters for reuse: each holds about 1 MB of tables.
var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, Level)
	return w
}}

// pack rewrites the PDF gopdf wrote (see above). fonts maps a font's PDF
// name (its FontDescriptor /FontName) to its real font program.
func pack(in []byte, fonts map[string][]byte) ([]byte, error) {
	header, objs, trailer, err := objects(in)
	if err != nil {
		return nil, err
	}
	// Which objects are font files, and of which font.
	fileOf := map[int][]byte{}
	for _, o := range objs {
		if m := fontFile2.FindSubmatch(o); m != nil {
			n := fontName.FindSubmatch(o)
			if n == nil {
				return nil, errors.New("font descriptor without /FontName")
			}
			data, ok := fonts[string(n[1])]
			if !ok {
				return nil, fmt.Errorf("font %s not written by this package", n[1])
			}
			id, _ := strconv.Atoi(string(m[1]))
			fileOf[id] = data
		}
	}
	if len(fileOf) != len(fonts) {
		return nil, fmt.Errorf("%d font files for %d fonts", len(fileOf), len(fonts))
	}

	// Each stream to deflate: the dictionary before it, its data, the rest
	// of the object after it.
	type stream struct {
		font        bool // a font file, which gives its length as /Length1
		data, after []byte
		raw         int // length of data before compression
		zlen        int // length of the zlib stream
	}
	streams := make([]*stream, len(objs))
	for i, o := range objs {
		id := i + 1
		body := o[len(strconv.Itoa(id))+len(" 0 obj\n"):]
		if data, ok := fileOf[id]; ok {
			m := fontDict.FindSubmatchIndex(body)
			if m == nil {
				return nil, fmt.Errorf("object %d: unexpected font file dictionary", id)
			}
			n, _ := strconv.Atoi(string(body[m[2]:m[3]]))
			rest := body[m[1]:]
			if n > len(rest) || !bytes.HasPrefix(rest[n:], []byte("\nendstream\n")) {
				return nil, fmt.Errorf("object %d: font file stream length", id)
			}
			streams[i] = &stream{font: true, data: data, after: rest[n:]}
			continue
		}
		if m := plainDict.FindSubmatchIndex(body); m != nil {
			n, _ := strconv.Atoi(string(body[m[2]:m[3]]))
			rest := body[m[1]:]
			if n > len(rest) || !bytes.HasPrefix(rest[n:], []byte("endstream\n")) {
				return nil, fmt.Errorf("object %d: stream length", id)
			}
			streams[i] = &stream{data: rest[:n], after: append([]byte("\n"), rest[n:]...)}
		}
	}

	// Deflate every stream, cut into chunks, on all cores.
	type chunk struct {
		s          *stream
		i, n       int // chunk i of n
		data, out  []byte
		compressed error
	}
	var chunks []*chunk
	byStream := map[*stream][]*chunk{}
	for _, s := range streams {
		if s == nil {
			continue
		}
		s.raw = len(s.data)
		n := max(1, (len(s.data)+chunkSize-1)/chunkSize)
		for i := 0; i < n; i++ {
			c := &chunk{s: s, i: i, n: n, data: s.data[i*chunkSize : min(len(s.data), (i+1)*chunkSize)]}
			chunks = append(chunks, c)
			byStream[s] = append(byStream[s], c)
		}
	}
	work := make(chan *chunk)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(chunks)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			fw := writers.Get().(*flate.Writer)
			defer writers.Put(fw)
			for c := range work {
				buf.Reset()
				fw.Reset(&buf)
				_, err := fw.Write(c.data)
				if err == nil {
					if c.i == c.n-1 {
						err = fw.Close()
					} else {
						err = fw.Flush() // byte-aligned, not final: chunks concatenate
					}
				}
				c.out, c.compressed = bytes.Clone(buf.Bytes()), err
			}
		}()
	}
	for _, c := range chunks {
		work <- c
	}
	close(work)
	wg.Wait()
	// Each stream is the zlib header, its chunks and the Adler-32 of its
	// data; the output is sized exactly, and the chunks are copied once.
	size := len(header) + 100 + 20*len(objs) + len(trailer)
	for i, o := range objs {
		s := streams[i]
		if s == nil {
			size += len(o)
			continue
		}
		s.zlen = 2 + 4
		for _, c := range byStream[s] {
			if c.compressed != nil {
				return nil, c.compressed
			}
			s.zlen += len(c.out)
		}
		size += 100 + s.zlen + len(s.after)
	}

	// The file again, with a fresh cross-reference table.
	out := make([]byte, 0, size)
	out = append(out, header...)
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(out)
		s := streams[i]
		if s == nil {
			out = append(out, o...)
			continue
		}
		out = append(out, o[:len(strconv.Itoa(i+1))+len(" 0 obj\n")]...)
		if s.font {
			out = fmt.Appendf(out, "<</Filter/FlateDecode/Length1 %d/Length %d>>\nstream\n", s.raw, s.zlen)
		} else {
			out = fmt.Appendf(out, "<</Filter/FlateDecode/Length %d>>\nstream\n", s.zlen)
		}
		out = append(out, 0x78, 0x9c) // zlib header: deflate, 32 KB window
		for _, c := range byStream[s] {
			out = append(out, c.out...)
		}
		out = binary.BigEndian.AppendUint32(out, adler32.Checksum(s.data))
		out = append(out, s.after...)
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = append(out, trailer...)
	out = fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out, nil
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
