package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// gopdf embeds a "subset" that still carries the whole loca and hmtx tables
// of the font (tens of thousands of entries for a CJK face) and parses and
// compresses the full file for every PDF. Cutting each face down to the
// glyphs a document uses before gopdf sees it makes the PDF smaller and
// faster to write; gopdf then subsets the small font as usual.

// sfntCache holds parsed faces, keyed by the first byte of their data.
var sfntCache sync.Map // *byte → *sfnt.Font

func parsedFont(data []byte) (*sfnt.Font, error) {
	if len(data) == 0 {
		return nil, errors.New("empty font")
	}
	if f, ok := sfntCache.Load(&data[0]); ok {
		return f.(*sfnt.Font), nil
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	sfntCache.Store(&data[0], f)
	return f, nil
}

type sfntTables map[string][]byte

func readTables(data []byte) (sfntTables, error) {
	if len(data) < 12 {
		return nil, errors.New("font too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	t := sfntTables{}
	for i := 0; i < n; i++ {
		if 12+16*i+16 > len(data) {
			return nil, errors.New("table directory truncated")
		}
		rec := data[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q beyond the end of the font", rec[:4])
		}
		t[string(rec[:4])] = data[off : off+ln]
	}
	for _, name := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "OS/2", "name", "post"} {
		if t[name] == nil {
			return nil, fmt.Errorf("font has no %s table", name)
		}
	}
	if len(t["head"]) < 54 || len(t["hhea"]) < 36 || len(t["maxp"]) < 6 || len(t["post"]) < 32 {
		return nil, errors.New("font header tables too short")
	}
	return t, nil
}

// subsetFont returns a TrueType font with .notdef and the glyphs of runes
// only (plus the components of composite glyphs), renumbered, with a cmap
// for exactly those runes. Hinting tables are dropped.
func subsetFont(data []byte, runes []rune) ([]byte, error) {
	f, err := parsedFont(data)
	if err != nil {
		return nil, err
	}
	t, err := readTables(data)
	if err != nil {
		return nil, err
	}
	numGlyphs := int(binary.BigEndian.Uint16(t["maxp"][4:]))
	longLoca := binary.BigEndian.Uint16(t["head"][50:]) == 1
	loca := func(g int) (int, int, bool) {
		lt := t["loca"]
		if longLoca {
			if 4*g+8 > len(lt) {
				return 0, 0, false
			}
			return int(binary.BigEndian.Uint32(lt[4*g:])), int(binary.BigEndian.Uint32(lt[4*g+4:])), true
		}
		if 2*g+4 > len(lt) {
			return 0, 0, false
		}
		return 2 * int(binary.BigEndian.Uint16(lt[2*g:])), 2 * int(binary.BigEndian.Uint16(lt[2*g+2:])), true
	}
	glyph := func(g int) []byte {
		a, b, ok := loca(g)
		if !ok || a > b || b > len(t["glyf"]) {
			return nil
		}
		return t["glyf"][a:b]
	}

	// Old glyph ids used: .notdef, the runes' glyphs, composite components.
	var buf sfnt.Buffer
	cmap := map[rune]int{}
	used := map[int]bool{0: true}
	var queue []int
	for _, r := range runes {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 || int(gi) >= numGlyphs {
			continue
		}
		cmap[r] = int(gi)
		if !used[int(gi)] {
			used[int(gi)] = true
			queue = append(queue, int(gi))
		}
	}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		for _, c := range components(glyph(g)) {
			if c < numGlyphs && !used[c] {
				used[c] = true
				queue = append(queue, c)
			}
		}
	}
	old := make([]int, 0, len(used))
	for g := range used {
		old = append(old, g)
	}
	sort.Ints(old)
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf + loca (long format)
	var glyf []byte
	locaOut := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(locaOut[4*i:], uint32(len(glyf)))
		gd := append([]byte(nil), glyph(g)...)
		remapComponents(gd, newID)
		glyf = append(glyf, gd...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(locaOut[4*len(old):], uint32(len(glyf)))

	// hmtx: a full metric per glyph
	nhm := int(binary.BigEndian.Uint16(t["hhea"][34:]))
	hm := t["hmtx"]
	hmtx := make([]byte, 4*len(old))
	for i, g := range old {
		var adv, lsb uint16
		if g < nhm && 4*g+4 <= len(hm) {
			adv, lsb = binary.BigEndian.Uint16(hm[4*g:]), binary.BigEndian.Uint16(hm[4*g+2:])
		} else if nhm > 0 && 4*nhm <= len(hm) {
			adv = binary.BigEndian.Uint16(hm[4*(nhm-1):])
			if p := 4*nhm + 2*(g-nhm); p+2 <= len(hm) {
				lsb = binary.BigEndian.Uint16(hm[p:])
			}
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], adv)
		binary.BigEndian.PutUint16(hmtx[4*i+2:], lsb)
	}

	head := append([]byte(nil), t["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := append([]byte(nil), t["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	maxp := append([]byte(nil), t["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	post := append([]byte(nil), t["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	out := map[string][]byte{
		"cmap": buildCmap(cmap, newID), "glyf": glyf, "loca": locaOut, "hmtx": hmtx,
		"head": head, "hhea": hhea, "maxp": maxp, "post": post,
		"OS/2": t["OS/2"], "name": t["name"],
	}
	return assemble(out), nil
}

// Composite glyph flags.
const (
	argWords     = 0x0001
	haveScale    = 0x0008
	moreComps    = 0x0020
	haveXYScale  = 0x0040
	haveTwoByTwo = 0x0080
)

// components lists the glyph ids a composite glyph refers to.
func components(g []byte) []int {
	var out []int
	walkComponents(g, func(off int) { out = append(out, int(binary.BigEndian.Uint16(g[off:]))) })
	return out
}

// remapComponents rewrites the component ids of a composite glyph in place.
func remapComponents(g []byte, newID map[int]int) {
	walkComponents(g, func(off int) {
		binary.BigEndian.PutUint16(g[off:], uint16(newID[int(binary.BigEndian.Uint16(g[off:]))]))
	})
}

// walkComponents calls fn with the offset of each component's glyph index.
func walkComponents(g []byte, fn func(off int)) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return // empty or simple glyph
	}
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		fn(p + 2)
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			return
		}
	}
}

// buildCmap writes a cmap with a (3,1) format 4 subtable for BMP runes and,
// when there are others, a (3,10) format 12 subtable for all runes.
func buildCmap(cmap map[rune]int, newID map[int]int) []byte {
	rs := make([]rune, 0, len(cmap))
	astral := false
	for r := range cmap {
		rs = append(rs, r)
		astral = astral || r > 0xFFFF
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a] < rs[b] })
	var bmp []rune
	for _, r := range rs {
		if r <= 0xFFFF && r != 0xFFFF {
			bmp = append(bmp, r)
		}
	}
	// format 4: one segment per rune, plus the 0xFFFF terminator
	seg := len(bmp) + 1
	f4 := make([]byte, 16+8*seg)
	be := binary.BigEndian
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(len(f4)))
	be.PutUint16(f4[6:], uint16(2*seg))
	sr := 1
	es := 0
	for sr*2 <= seg {
		sr *= 2
		es++
	}
	be.PutUint16(f4[8:], uint16(2*sr))
	be.PutUint16(f4[10:], uint16(es))
	be.PutUint16(f4[12:], uint16(2*seg-2*sr))
	ends, starts := 14, 16+2*seg
	deltas, offs := starts+2*seg, starts+4*seg
	for i, r := range bmp {
		be.PutUint16(f4[ends+2*i:], uint16(r))
		be.PutUint16(f4[starts+2*i:], uint16(r))
		be.PutUint16(f4[deltas+2*i:], uint16(newID[cmap[r]]-int(r)))
		be.PutUint16(f4[offs+2*i:], 0)
	}
	last := len(bmp)
	be.PutUint16(f4[ends+2*last:], 0xFFFF)
	be.PutUint16(f4[starts+2*last:], 0xFFFF)
	be.PutUint16(f4[deltas+2*last:], 1)

	subs := [][]byte{f4}
	ids := [][2]uint16{{3, 1}}
	if astral {
		f12 := make([]byte, 16+12*len(rs))
		be.PutUint16(f12[0:], 12)
		be.PutUint32(f12[4:], uint32(len(f12)))
		be.PutUint32(f12[12:], uint32(len(rs)))
		for i, r := range rs {
			p := 16 + 12*i
			be.PutUint32(f12[p:], uint32(r))
			be.PutUint32(f12[p+4:], uint32(r))
			be.PutUint32(f12[p+8:], uint32(newID[cmap[r]]))
		}
		subs = append(subs, f12)
		ids = append(ids, [2]uint16{3, 10})
	}
	hdr := make([]byte, 4+8*len(subs))
	be.PutUint16(hdr[2:], uint16(len(subs)))
	off := len(hdr)
	for i, s := range subs {
		be.PutUint16(hdr[4+8*i:], ids[i][0])
		be.PutUint16(hdr[6+8*i:], ids[i][1])
		be.PutUint32(hdr[8+8*i:], uint32(off))
		off += len(s)
	}
	out := hdr
	for _, s := range subs {
		out = append(out, s...)
	}
	return out
}

// assemble writes an sfnt file from its tables.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tg := range tables {
		tags = append(tags, tg)
	}
	sort.Strings(tags)
	n := len(tags)
	be := binary.BigEndian
	out := make([]byte, 12+16*n)
	be.PutUint32(out, 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	be.PutUint16(out[6:], uint16(16*sr))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(16*(n-sr)))
	for i, tg := range tags {
		d := tables[tg]
		rec := out[12+16*i:]
		copy(rec, tg)
		be.PutUint32(rec[4:], checksum(d))
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(d)))
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
