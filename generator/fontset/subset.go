package fontset

import (
	"encoding/binary"
	"slices"

	"golang.org/x/image/font/sfnt"
)

// SubsetOptions choose how Subset cuts a font down to the characters a document uses.
type SubsetOptions struct {
	// KeepGlyphIDs keeps glyph ids, cmap and metrics as they are and only empties the
	// outlines of the glyphs not kept, the way Word embeds "only the characters used"
	// (DOCX). Without it the kept glyphs are renumbered in id order (.notdef first), the
	// cmap maps exactly the kept characters and hinting tables are dropped (PDF).
	KeepGlyphIDs bool
	// OutlinesOnly (renumbering only) keeps only the tables a PDF reader draws an
	// embedded TrueType font with (glyf, head, hhea, hmtx, loca, maxp): a font file
	// of a PDF's CIDFontType2 font needs no cmap, names or OS/2 metrics.
	OutlinesOnly bool
}

// Subset returns the face cut down to .notdef, the glyphs of runes and the components
// of composite glyphs among them, as a standalone TrueType font (see SubsetOptions).
// Runes the face lacks are left out. It never changes the face.
func (f *Face) Subset(runes []rune, opt SubsetOptions) ([]byte, error) {
	if err := f.ready(); err != nil {
		return nil, err
	}
	return subset(f.Data, f.font, runes, opt)
}

// Subset is Face.Subset for the bytes of a TrueType font (one face, not a collection),
// e.g. an embedded font file read by the DOCX writer.
func Subset(data []byte, runes []rune, opt SubsetOptions) ([]byte, error) {
	sf, err := parseSFNT(data)
	if err != nil {
		return nil, err
	}
	return subset(data, sf, runes, opt)
}

// sfntTables are a face's tables by tag, pointing into the font data.
type sfntTables map[string][]byte

// faceTables returns the checked tables of the TrueType font data.
func faceTables(data []byte) (sfntTables, error) {
	_, recs, err := readDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	t := make(sfntTables, len(recs))
	for _, r := range recs {
		t[tagString(r.tag)] = data[r.offset : r.offset+r.length]
	}
	if len(t["hhea"]) < 36 || len(t["maxp"]) < 6 || len(t["post"]) < 32 {
		return nil, corrupt("hhea、maxp 或 post 表太短", "hhea, maxp or post table too short")
	}
	return t, nil
}

// glyphTable reads glyf through loca.
type glyphTable struct {
	glyf, loca []byte
	long       bool
	n          int // number of glyphs (maxp)
}

func newGlyphTable(t sfntTables) glyphTable {
	return glyphTable{glyf: t["glyf"], loca: t["loca"], long: binary.BigEndian.Uint16(t["head"][50:]) == 1,
		n: int(binary.BigEndian.Uint16(t["maxp"][4:]))}
}

// glyph returns the outline data of glyph g, nil when it is empty or out of range.
func (gt glyphTable) glyph(g int) []byte {
	if g < 0 || g >= gt.n {
		return nil
	}
	var a, b int
	if gt.long {
		if 4*g+8 > len(gt.loca) {
			return nil
		}
		a, b = int(binary.BigEndian.Uint32(gt.loca[4*g:])), int(binary.BigEndian.Uint32(gt.loca[4*g+4:]))
	} else {
		if 2*g+4 > len(gt.loca) {
			return nil
		}
		a, b = 2*int(binary.BigEndian.Uint16(gt.loca[2*g:])), 2*int(binary.BigEndian.Uint16(gt.loca[2*g+2:]))
	}
	if a >= b || b > len(gt.glyf) {
		return nil
	}
	return gt.glyf[a:b]
}

func subset(data []byte, sf *sfnt.Font, runes []rune, opt SubsetOptions) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil { // inconsistent tables sfnt did not catch
			out, err = nil, corrupt("无法精简：%v", "cannot subset: %v", r)
		}
	}()
	k, err := keepGlyphs(data, sf, runes)
	if err != nil {
		return nil, err
	}
	if opt.KeepGlyphIDs {
		return keepIDs(k.t, k.gt, k.used), nil
	}
	out, _, _ = renumber(k, opt)
	return out, nil
}

// kept is what a subset keeps: the face's tables, the glyphs used (.notdef, the
// runes' glyphs and composite components), the runes' glyph ids and the
// half-width forms asked for (see HalfForm).
type kept struct {
	t    sfntTables
	gt   glyphTable
	used map[int]bool
	cmap map[rune]int
	dups []int // the glyphs copied as half-width forms (glyph gt.n+i copies dups[i])
	// shift[i]: form i is an opening mark's, its outline moved left by half
	// the advance
	shift map[int][]byte
}

func keepGlyphs(data []byte, sf *sfnt.Font, runes []rune) (*kept, error) {
	t, err := faceTables(data)
	if err != nil {
		return nil, err
	}
	gt := newGlyphTable(t)
	var buf sfnt.Buffer
	cmap := make(map[rune]int, len(runes))
	used := make(map[int]bool, len(runes)+1)
	used[0] = true
	queue := []int{0}
	var halves []rune
	for _, r := range runes {
		if _, ok := HalfFormOf(r); ok {
			halves = append(halves, r)
			continue
		}
		gi, err := sf.GlyphIndex(&buf, r)
		if err != nil || gi == 0 || int(gi) >= gt.n {
			continue
		}
		cmap[r] = int(gi)
		if !used[int(gi)] {
			used[int(gi)] = true
			queue = append(queue, int(gi))
		}
	}
	// a half-width form is a copy of its mark's glyph (kept too, for its
	// components), numbered after the face's glyphs: gt.n, gt.n+1, …
	slices.Sort(halves)
	var dups []int
	shift := map[int][]byte{}
	hm, nhm := t["hmtx"], int(binary.BigEndian.Uint16(t["hhea"][34:]))
	for _, p := range halves {
		r, _ := HalfFormOf(p)
		gi, err := sf.GlyphIndex(&buf, r)
		if err != nil || gi == 0 || int(gi) >= gt.n {
			continue
		}
		if isOpenMark(r) {
			if int(gi) >= nhm || 4*int(gi)+4 > len(hm) {
				continue
			}
			adv := int(binary.BigEndian.Uint16(hm[4*int(gi):]))
			moved, ok := shiftGlyph(gt.glyph(int(gi)), -adv/2)
			if !ok {
				continue // a composite: no form, the caller draws the mark whole (HasHalfForm)
			}
			shift[len(dups)] = moved
		}
		cmap[p] = gt.n + len(dups)
		dups = append(dups, int(gi))
		if !used[int(gi)] {
			used[int(gi)] = true
			queue = append(queue, int(gi))
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, c := range components(gt.glyph(g)) {
			if c < gt.n && !used[c] {
				used[c] = true
				queue = append(queue, c)
			}
		}
	}
	return &kept{t, gt, used, cmap, dups, shift}, nil
}

// keepIDs empties the glyphs not in used; everything else stays.
func keepIDs(t sfntTables, gt glyphTable, used map[int]bool) []byte {
	var glyf []byte
	offs := make([]uint32, gt.n+1)
	for g := 0; g < gt.n; g++ {
		offs[g] = uint32(len(glyf))
		if used[g] {
			glyf = appendPadded(glyf, gt.glyph(g))
		}
	}
	offs[gt.n] = uint32(len(glyf))
	var loca []byte
	if gt.long {
		loca = make([]byte, 4*(gt.n+1))
		for i, o := range offs {
			binary.BigEndian.PutUint32(loca[4*i:], o)
		}
	} else {
		loca = make([]byte, 2*(gt.n+1))
		for i, o := range offs {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(o/2))
		}
	}
	out := make(sfntTables, len(t))
	for k, v := range t {
		out[k] = v
	}
	out["glyf"], out["loca"] = glyf, loca
	return assemble(out)
}

// renumber writes the glyphs in used as glyphs 0…n-1 (in id order), then the
// half-width forms (k.dups, each its mark's outline with half the advance), with a
// cmap for exactly cmap's runes, full metrics and no hinting. It also returns the new
// id of every old one (a form's old id is gt.n+i) and the new hmtx table.
func renumber(k *kept, opt SubsetOptions) (font []byte, newID map[int]int, hmtx []byte) {
	t, gt, used, cmap := k.t, k.gt, k.used, k.cmap
	old := make([]int, 0, len(used)+len(k.dups))
	for g := range used {
		old = append(old, g)
	}
	slices.Sort(old)
	newID = make(map[int]int, len(old)+len(k.dups))
	for i, g := range old {
		newID[g] = i
	}
	// half-width forms: new glyph forms+i (from gt.n+i) draws k.dups[i]
	// with half its advance
	forms := len(old)
	for i, g := range k.dups {
		newID[gt.n+i] = forms + i
		old = append(old, g)
	}
	be := binary.BigEndian

	size := 0
	for _, g := range old {
		size += (len(gt.glyph(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		data := gt.glyph(g)
		if moved, ok := k.shift[i-forms]; ok {
			data = moved
		}
		glyf = appendPadded(glyf, data)
		remapComponents(glyf[start:], newID)
	}
	be.PutUint32(loca[4*len(old):], uint32(len(glyf)))
	if len(glyf) == 0 {
		glyf = make([]byte, 4) // a table of length 0 confuses some readers
	}

	// hmtx: a full metric per glyph
	nhm := int(be.Uint16(t["hhea"][34:]))
	hm := t["hmtx"]
	hmtx = make([]byte, 4*len(old))
	for i, g := range old {
		var adv, lsb uint16
		if g < nhm && 4*g+4 <= len(hm) {
			adv, lsb = be.Uint16(hm[4*g:]), be.Uint16(hm[4*g+2:])
		} else if nhm > 0 && 4*nhm <= len(hm) {
			adv = be.Uint16(hm[4*(nhm-1):])
			if p := 4*nhm + 2*(g-nhm); p+2 <= len(hm) {
				lsb = be.Uint16(hm[p:])
			}
		}
		if i >= forms {
			if _, moved := k.shift[i-forms]; moved {
				lsb -= adv / 2
			}
			adv /= 2
		}
		be.PutUint16(hmtx[4*i:], adv)
		be.PutUint16(hmtx[4*i+2:], lsb)
	}

	head := slices.Clone(t["head"])
	be.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(t["hhea"])
	be.PutUint16(hhea[34:], uint16(len(old)))
	maxp := slices.Clone(t["maxp"])
	be.PutUint16(maxp[4:], uint16(len(old)))
	post := slices.Clone(t["post"][:32])
	be.PutUint32(post, 0x00030000) // no glyph names

	out := sfntTables{"glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp}
	if !opt.OutlinesOnly {
		out["cmap"], out["post"], out["OS/2"], out["name"] = buildCmap(cmap, newID), post, t["OS/2"], t["name"]
	}
	return assemble(out), newID, hmtx
}

func appendPadded(b, data []byte) []byte {
	b = append(b, data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
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
	slices.Sort(rs)
	var bmp []rune
	for _, r := range rs {
		if r < 0xFFFF {
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
	sr, es := 1, 0
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

// assemble writes an sfnt file from its tables, in tag order with fresh offsets and
// checksums, and sets head.checkSumAdjustment.
func assemble(t sfntTables) []byte {
	tags := make([]string, 0, len(t))
	for tg := range t {
		tags = append(tags, tg)
	}
	slices.Sort(tags)
	recs := make([]tableRecord, len(tags))
	for i, tg := range tags {
		recs[i] = tableRecord{tag: tag(tg), length: uint32(len(t[tg]))}
	}
	// Straight into the file (rebuild's layout), without first copying
	// every table into one buffer: a CJK subset is hundreds of KB.
	return writeSfnt(recs, func(i int) []byte { return t[tags[i]] })
}
