package fontset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"sort"
)

// Kinds of font problems. Errors returned by Load and ExtractTTC wrap one of these, so
// callers can test them with errors.Is; the messages themselves are bilingual.
var (
	// ErrNotFound: the font file or embedded font does not exist.
	ErrNotFound = errors.New("font not found")
	// ErrUnreadable: the font file exists but cannot be read.
	ErrUnreadable = errors.New("font file unreadable")
	// ErrNotFont: the data is not a TrueType/OpenType font or collection.
	ErrNotFont = errors.New("not a TrueType font")
	// ErrCFF: the face has CFF (PostScript) outlines, which gopdf cannot embed.
	ErrCFF = errors.New("CFF outlines")
	// ErrFaceIndex: the "#N" face index does not exist in the file.
	ErrFaceIndex = errors.New("bad face index")
	// ErrCorrupt: the font is truncated or inconsistent.
	ErrCorrupt = errors.New("corrupt font")
	// ErrUnsupported: a well-formed font that gopdf cannot use (e.g. no (3,1) format-4 cmap).
	ErrUnsupported = errors.New("unsupported font")
)

// sfnt version tags.
const (
	tagTrueType = 0x00010000
	tagTrue     = 0x74727565 // "true", Apple TrueType
	tagOTTO     = 0x4f54544f // "OTTO", CFF OpenType
	tagTTCF     = 0x74746366 // "ttcf", collection
	tagWOFF     = 0x774f4646 // "wOFF"
	tagWOF2     = 0x774f4632 // "wOF2"
)

// maxTables bounds the table directory, as golang.org/x/image/font/sfnt does.
const maxTables = 256

// detail is an error of one kind with a message in Chinese and in English.
type detail struct {
	kind   error
	zh, en string
}

func (d *detail) Error() string { return d.zh + "（" + d.en + "）" }
func (d *detail) Unwrap() error { return d.kind }

func corrupt(zh, en string, args ...any) error {
	return &detail{ErrCorrupt, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...)}
}

// tableRecord is one entry of an sfnt table directory.
type tableRecord struct {
	tag            uint32
	offset, length uint32
}

func tagString(t uint32) string {
	b := []byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)}
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			b[i] = '?'
		}
	}
	return string(b)
}

func tag(s string) uint32 { return binary.BigEndian.Uint32([]byte(s)) }

// Tables gopdf reads (fontmaker/core.TTFParser.ParseFontData) or copies into its subset.
var requiredTables = []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post"}

// readDirectory parses and checks the table directory of the face starting at off.
// Every table must lie inside data; CFF outlines give ErrCFF.
func readDirectory(data []byte, off uint32) (version uint32, tables []tableRecord, err error) {
	if uint64(off)+12 > uint64(len(data)) {
		return 0, nil, corrupt("字体目录超出文件末尾", "table directory beyond end of file")
	}
	d := data[off:]
	version = binary.BigEndian.Uint32(d)
	switch version {
	case tagTrueType, tagTrue:
	case tagOTTO:
		return version, nil, ErrCFF
	default:
		return version, nil, corrupt("未知的 sfnt 版本 %08x", "unknown sfnt version %08x", version)
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	if n == 0 || n > maxTables {
		return version, nil, corrupt("表的数目 %d 不合理", "implausible number of tables %d", n)
	}
	if 12+16*n > len(d) {
		return version, nil, corrupt("字体目录超出文件末尾", "table directory beyond end of file")
	}
	tables = make([]tableRecord, n)
	seen := make(map[uint32]bool, n)
	var total uint64
	for i := range tables {
		r := d[12+16*i:]
		t := tableRecord{binary.BigEndian.Uint32(r), binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])}
		if uint64(t.offset)+uint64(t.length) > uint64(len(data)) {
			return version, nil, corrupt("表 %s 超出文件末尾", "table %s extends beyond end of file", tagString(t.tag))
		}
		if seen[t.tag] {
			return version, nil, corrupt("表 %s 重复", "duplicate table %s", tagString(t.tag))
		}
		seen[t.tag] = true
		total += uint64(t.length)
		tables[i] = t
	}
	// A face's tables do not overlap, so together they cannot be larger than the file.
	// This also bounds what extraction allocates.
	if total > uint64(len(data)) {
		return version, nil, corrupt("各表总长超过文件长度", "tables overlap (total length exceeds file size)")
	}
	if seen[tag("CFF ")] || seen[tag("CFF2")] {
		return version, nil, ErrCFF
	}
	for _, name := range requiredTables {
		if !seen[tag(name)] {
			if name == "glyf" || name == "loca" {
				return version, nil, &detail{ErrUnsupported,
					"没有 TrueType 轮廓（缺少 glyf/loca 表，可能是位图或彩色字体）",
					"no TrueType outlines (no glyf/loca table; a bitmap or colour font?)"}
			}
			return version, nil, &detail{ErrUnsupported,
				fmt.Sprintf("缺少 gopdf 需要的 %s 表", name), fmt.Sprintf("no %s table, which gopdf needs", name)}
		}
	}
	for _, t := range tables {
		if t.tag == tag("head") && t.length < 54 {
			return version, nil, corrupt("head 表太短", "head table too short")
		}
	}
	return version, tables, nil
}

// ExtractTTC returns face index (0-based) of the TrueType collection data as a
// standalone TrueType font (sfnt version 0x00010000): the face's tables are copied into a
// new file with a sorted table directory, 4-byte aligned offsets and fresh checksums.
// Tables shared between faces are copied. It never panics; malformed input gives an error
// wrapping ErrNotFont, ErrFaceIndex, ErrCFF, ErrUnsupported or ErrCorrupt.
func ExtractTTC(data []byte, index int) ([]byte, error) {
	if len(data) < 12 || binary.BigEndian.Uint32(data) != tagTTCF {
		return nil, &detail{ErrNotFont, "不是字体集（.ttc）", "not a font collection (.ttc)"}
	}
	n := binary.BigEndian.Uint32(data[8:])
	if n == 0 || uint64(12)+4*uint64(n) > uint64(len(data)) {
		return nil, corrupt("字体集头部的字体数目 %d 不合理", "implausible number of faces %d in the collection header", n)
	}
	if index < 0 || uint64(index) >= uint64(n) {
		return nil, &detail{ErrFaceIndex,
			fmt.Sprintf("字体集只有 %d 个字体（#0–#%d），没有 #%d", n, n-1, index),
			fmt.Sprintf("the collection has %d faces (#0–#%d), there is no #%d", n, n-1, index)}
	}
	off := binary.BigEndian.Uint32(data[12+4*index:])
	_, tables, err := readDirectory(data, off)
	if err != nil {
		return nil, err
	}
	return rebuild(data, tables), nil
}

// rebuild writes tables (already checked by readDirectory) as a standalone TrueType font.
func rebuild(data []byte, tables []tableRecord) []byte {
	tables = append([]tableRecord(nil), tables...)
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	return writeSfnt(tables, func(i int) []byte {
		return data[tables[i].offset : tables[i].offset+tables[i].length]
	})
}

// writeSfnt writes an sfnt file of the tables (sorted by tag), table i's
// data given by table(i), with fresh offsets and checksums.
func writeSfnt(tables []tableRecord, table func(i int) []byte) []byte {
	n := len(tables)
	size := 12 + 16*n
	for _, t := range tables {
		size += int(t.length+3) &^ 3
	}
	out := make([]byte, size)
	be := binary.BigEndian
	be.PutUint32(out, tagTrueType)
	be.PutUint16(out[4:], uint16(n))
	entrySelector := bits.Len(uint(n)) - 1
	searchRange := 16 << entrySelector
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(16*n-searchRange))

	pos := 12 + 16*n
	headAt := -1
	var sum uint32 // of the whole file: the tables' sums and the directory's
	for i, t := range tables {
		copy(out[pos:], table(i))
		if t.tag == tag("head") {
			headAt = pos
			be.PutUint32(out[pos+8:], 0) // checkSumAdjustment, set below
		}
		r := out[12+16*i:]
		ts := checksum(out[pos : pos+int(t.length+3)&^3])
		be.PutUint32(r, t.tag)
		be.PutUint32(r[4:], ts)
		be.PutUint32(r[8:], uint32(pos))
		be.PutUint32(r[12:], t.length)
		sum += ts
		pos += int(t.length+3) &^ 3
	}
	if headAt >= 0 {
		// Every table starts on a 4-byte boundary and is zero-padded, so
		// the file's sum is the directory's plus the tables'.
		be.PutUint32(out[headAt+8:], 0xB1B0AFBA-(sum+checksum(out[:12+16*n])))
	}
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s, zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 16 { // four words a turn: a subset's glyf is hundreds of KB
		sum += binary.BigEndian.Uint32(b) + binary.BigEndian.Uint32(b[4:]) +
			binary.BigEndian.Uint32(b[8:]) + binary.BigEndian.Uint32(b[12:])
		b = b[16:]
	}
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// trueType turns the bytes of a font file into plain TrueType data for gopdf, selecting
// face index (-1: none given) of a collection. Plain TrueType data is returned as is;
// Apple "true" fonts are rewritten with version 0x00010000.
func trueType(data []byte, index int) (out []byte, collection bool, err error) {
	if len(data) < 4 {
		return nil, false, &detail{ErrNotFont, "文件太短，不是字体", "file too short to be a font"}
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case tagTTCF:
		if index < 0 {
			index = 0
		}
		out, err := ExtractTTC(data, index)
		return out, true, err
	case tagOTTO:
		return nil, false, ErrCFF
	case tagWOFF, tagWOF2:
		return nil, false, &detail{ErrNotFont, "这是 WOFF 网页字体，请先解压为 .ttf", "a WOFF web font; decompress it to .ttf first"}
	case tagTrueType, tagTrue:
		if index > 0 {
			return nil, false, &detail{ErrFaceIndex,
				fmt.Sprintf("不是字体集（.ttc），不能用 #%d 选择字体", index),
				fmt.Sprintf("not a font collection (.ttc), so #%d cannot select a face", index)}
		}
		_, tables, err := readDirectory(data, 0)
		if err != nil {
			return nil, false, err
		}
		if v == tagTrue {
			return rebuild(data, tables), false, nil
		}
		// gopdf copies every table with its padding to 4 bytes and panics if the file
		// ends before the padding of its last table does.
		for _, t := range tables {
			if end := (uint64(t.offset) + uint64(t.length) + 3) &^ 3; end > uint64(len(data)) {
				data = append(data[:len(data):len(data)], make([]byte, end-uint64(len(data)))...)
			}
		}
		return data, false, nil
	default:
		return nil, false, &detail{ErrNotFont, "不是 TrueType/OpenType 字体文件", "not a TrueType/OpenType font file"}
	}
}

// checkCmap reports whether the font has the (3,1) format-4 cmap subtable gopdf reads.
func checkCmap(data []byte) error {
	_, tables, err := readDirectory(data, 0)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if t.tag != tag("cmap") {
			continue
		}
		c := data[t.offset : t.offset+t.length]
		if len(c) < 4 {
			return corrupt("cmap 表太短", "cmap table too short")
		}
		n := int(binary.BigEndian.Uint16(c[2:]))
		if 4+8*n > len(c) {
			return corrupt("cmap 表太短", "cmap table too short")
		}
		for i := 0; i < n; i++ {
			r := c[4+8*i:]
			pid, eid, off := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint32(r[4:])
			if pid == 3 && eid == 1 && uint64(off)+2 <= uint64(len(c)) && binary.BigEndian.Uint16(c[off:]) == 4 {
				return nil
			}
		}
	}
	return &detail{ErrUnsupported,
		"缺少 Windows Unicode 字符映射（cmap 3/1 格式 4），gopdf 无法使用",
		"no (3,1) format-4 cmap subtable, which gopdf needs"}
}

// measureCopy returns a copy of a TrueType font that keeps only the tables the
// measurements need, for fonts whose other tables (GPOS, kern, an unusual post version)
// golang.org/x/image/font/sfnt rejects although gopdf ignores them.
func measureCopy(data []byte) ([]byte, error) {
	_, tables, err := readDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	keep := map[uint32]bool{}
	for _, name := range requiredTables {
		keep[tag(name)] = true
	}
	var kept []tableRecord
	for _, t := range tables {
		if keep[t.tag] {
			kept = append(kept, t)
		}
	}
	out := rebuild(data, kept)
	// Turn post into version 3.0 (no glyph names), which sfnt always accepts.
	_, tables, err = readDirectory(out, 0)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if t.tag == tag("post") && t.length >= 32 {
			binary.BigEndian.PutUint32(out[t.offset:], 0x00030000)
		}
	}
	return out, nil
}
