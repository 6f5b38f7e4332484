package docx

import (
	"encoding/binary"
	"errors"
	"sort"
)

// subsetGlyphs keeps the outlines of the glyphs that the characters in keep
// map to (plus .notdef and the components of composite glyphs) and empties
// all others, the way Word embeds "only the characters used": glyph ids,
// cmap and metrics stay as they are, only glyf and loca shrink. A font
// without TrueType outlines is returned unchanged with subsetted false.
func subsetGlyphs(font []byte, keep map[rune]bool) (out []byte, subsetted bool, err error) {
	tables, err := sfntTables(font)
	if err != nil {
		return nil, false, err
	}
	glyf, hasGlyf := tables["glyf"]
	loca, hasLoca := tables["loca"]
	head, hasHead := tables["head"]
	maxp, hasMaxp := tables["maxp"]
	cmap, hasCmap := tables["cmap"]
	if !hasGlyf || !hasLoca || !hasHead || !hasMaxp || !hasCmap {
		return font, false, nil
	}
	if len(head) < 54 || len(maxp) < 6 {
		return nil, false, errors.New("head 或 maxp 表损坏（bad head/maxp table）")
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	n := int(binary.BigEndian.Uint16(maxp[4:]))
	offs, err := locaOffsets(loca, n, long)
	if err != nil {
		return nil, false, err
	}
	used := map[int]bool{0: true}
	for _, g := range cmapLookup(cmap, keep) {
		used[g] = true
	}
	// composite glyphs pull in their components
	stack := make([]int, 0, len(used))
	for g := range used {
		stack = append(stack, g)
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if g >= n || offs[g] >= offs[g+1] || int(offs[g+1]) > len(glyf) {
			continue
		}
		for _, c := range components(glyf[offs[g]:offs[g+1]]) {
			if !used[c] && c < n {
				used[c] = true
				stack = append(stack, c)
			}
		}
	}
	var ng []byte
	nl := make([]uint32, n+1)
	for g := 0; g < n; g++ {
		nl[g] = uint32(len(ng))
		if used[g] && offs[g] < offs[g+1] && int(offs[g+1]) <= len(glyf) {
			ng = append(ng, glyf[offs[g]:offs[g+1]]...)
			for len(ng)%4 != 0 {
				ng = append(ng, 0)
			}
		}
	}
	nl[n] = uint32(len(ng))
	var nloca []byte
	if long {
		nloca = make([]byte, 4*(n+1))
		for i, o := range nl {
			binary.BigEndian.PutUint32(nloca[4*i:], o)
		}
	} else {
		nloca = make([]byte, 2*(n+1))
		for i, o := range nl {
			binary.BigEndian.PutUint16(nloca[2*i:], uint16(o/2))
		}
	}
	tables["glyf"], tables["loca"] = ng, nloca
	return buildSfnt(font[:4], tables), true, nil
}

func sfntTables(font []byte) (map[string][]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("不是 TrueType 字体（not a TrueType font）")
	}
	num := int(binary.BigEndian.Uint16(font[4:]))
	if len(font) < 12+16*num {
		return nil, errors.New("字体表目录损坏（truncated table directory）")
	}
	tables := make(map[string][]byte, num)
	for i := 0; i < num; i++ {
		rec := font[12+16*i:]
		tag := string(rec[:4])
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(font)) {
			return nil, errors.New("字体表越界（table outside the file）: " + tag)
		}
		tables[tag] = font[off : off+ln]
	}
	return tables, nil
}

func locaOffsets(loca []byte, n int, long bool) ([]uint32, error) {
	offs := make([]uint32, n+1)
	if long {
		if len(loca) < 4*(n+1) {
			return nil, errors.New("loca 表过短（short loca table）")
		}
		for i := range offs {
			offs[i] = binary.BigEndian.Uint32(loca[4*i:])
		}
	} else {
		if len(loca) < 2*(n+1) {
			return nil, errors.New("loca 表过短（short loca table）")
		}
		for i := range offs {
			offs[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	return offs, nil
}

// cmapLookup maps the characters to glyph ids through the font's Unicode
// cmap (format 12 preferred, else format 4).
func cmapLookup(cmap []byte, keep map[rune]bool) []int {
	if len(cmap) < 4 {
		return nil
	}
	num := int(binary.BigEndian.Uint16(cmap[2:]))
	var f4, f12 []byte
	for i := 0; i < num && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch binary.BigEndian.Uint16(sub) {
		case 4:
			if pid == 3 && eid == 1 || pid == 0 {
				f4 = sub
			}
		case 12:
			if pid == 3 && eid == 10 || pid == 0 {
				f12 = sub
			}
		}
	}
	var gs []int
	switch {
	case f12 != nil && len(f12) >= 16:
		ng := int(binary.BigEndian.Uint32(f12[12:]))
		for i := 0; i < ng && 16+12*i+12 <= len(f12); i++ {
			g := f12[16+12*i:]
			start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
			for r := range keep {
				if uint32(r) >= start && uint32(r) <= end {
					gs = append(gs, int(gid+uint32(r)-start))
				}
			}
		}
	case f4 != nil && len(f4) >= 14:
		seg := int(binary.BigEndian.Uint16(f4[6:])) / 2
		if len(f4) < 16+8*seg {
			return nil
		}
		ends, starts := f4[14:], f4[16+2*seg:]
		deltas, ranges := f4[16+4*seg:], f4[16+6*seg:]
		for r := range keep {
			if r > 0xffff {
				continue
			}
			c := uint16(r)
			i := sort.Search(seg, func(i int) bool { return binary.BigEndian.Uint16(ends[2*i:]) >= c })
			if i >= seg || binary.BigEndian.Uint16(starts[2*i:]) > c {
				continue
			}
			delta := binary.BigEndian.Uint16(deltas[2*i:])
			ro := int(binary.BigEndian.Uint16(ranges[2*i:]))
			if ro == 0 {
				gs = append(gs, int(c+delta))
				continue
			}
			p := 16 + 6*seg + 2*i + ro + 2*int(c-binary.BigEndian.Uint16(starts[2*i:]))
			if p+2 <= len(f4) {
				if g := binary.BigEndian.Uint16(f4[p:]); g != 0 {
					gs = append(gs, int(g+delta))
				}
			}
		}
	}
	return gs
}

// components lists the glyph ids a composite glyph refers to.
func components(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []int
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			break
		}
	}
	return out
}

// buildSfnt writes the tables back in tag order with fresh offsets and
// checksums, and sets head.checkSumAdjustment.
func buildSfnt(version []byte, tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	copy(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := -1
	for i, t := range tags {
		data := tables[t]
		off := len(out)
		if t == "head" {
			headAt = off
			data = append([]byte(nil), data...)
			if len(data) >= 12 {
				binary.BigEndian.PutUint32(data[8:], 0)
			}
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[off:off+len(data)]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
	}
	if headAt >= 0 && len(tables["head"]) >= 12 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
