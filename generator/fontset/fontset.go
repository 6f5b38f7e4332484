// Package fontset loads the fonts of a document by role (title, body, headings, page
// numbers, fallback) and answers the questions the layout engine and the PDF writer ask:
// does a face have a glyph for a rune, how wide is it, which face in the fallback chain
// should draw it.
//
// Faces come from the fonts embedded in package fonts ("embedded:NAME.ttf") or from the
// user's files, including one face of a TrueType collection ("path.ttc#N"). Every face is
// handed over as plain TrueType data, the only kind the PDF writer embeds (FontFile2); fonts with CFF outlines
// are refused with an error that says how to convert them. Glyph lookups and advance
// widths use golang.org/x/image/font/sfnt and are cached per rune.
//
// A Set and its Faces are safe for concurrent use.
package fontset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/gongwen/gen/fonts"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Role names used by the layout engine and the PDF writer. A spec may use other names too.
const (
	RoleTitle    = "title"    // 标题: 小标宋
	RoleBody     = "body"     // 正文: 仿宋; also used for roles a Set does not define
	RoleHeading1 = "heading1" // 一、: 黑体
	RoleHeading2 = "heading2" // （一）: 楷体
	RolePageNum  = "pagenum"  // 页码: 宋体 digits and dashes
	RoleFallback = "fallback" // characters the role's own face lacks; also "fallback2", "fallback3", …
)

// EmbeddedPrefix marks a source that names a file of package fonts, e.g. "embedded:FandolFang-Regular.ttf".
const EmbeddedPrefix = "embedded:"

var defaultSpec = map[string]string{
	RoleTitle:    EmbeddedPrefix + "NotoSerifSC-Bold.ttf",
	RoleBody:     EmbeddedPrefix + "FandolFang-Regular.ttf",
	RoleHeading1: EmbeddedPrefix + "FandolHei-Regular.ttf",
	RoleHeading2: EmbeddedPrefix + "FandolKai-Regular.ttf",
	RolePageNum:  EmbeddedPrefix + "NotoSerifSC-PageNum.ttf",
	RoleFallback: EmbeddedPrefix + "NotoSerifSC-Regular.ttf",
}

// DefaultSpec returns a copy of the default role → source mapping. Callers merge the
// user's settings (gen.yaml "fonts:") into it and pass the result to Load.
func DefaultSpec() map[string]string { return maps.Clone(defaultSpec) }

// Face is one TrueType face, as the layout measures it and the PDF and DOCX embed it.
type Face struct {
	Name       string // face name, unique per face, e.g. "FandolFang-Regular"; the PDF BaseFont is derived from it
	Source     string // "embedded:FandolFang-Regular.ttf" or the user's file path (with "#N" for a TTC face)
	Data       []byte // plain TrueType sfnt bytes (version 0x00010000), extracted from a TTC if needed; read-only
	UnitsPerEm int    // design units per em

	// Embedded faces are parsed on first use (lazy), so a run parses only the
	// faces its documents use; the parse runs once per process.
	lazy     bool
	once     sync.Once
	parseErr error

	font    *sfnt.Font
	perUnit float64 // 1 / UnitsPerEm
	metrics Metrics
	bmp     []atomic.Uint32 // cache for runes ≤ U+FFFF, indexed by rune; see entry bits
	astral  sync.Map        // cache for runes > U+FFFF: rune → uint32 entry
	forms   sync.Map        // HasHalfForm of opening marks: rune → bool
}

// ready parses a lazy face on first use. A parse error (impossible for the
// embedded fonts, which the fonts package tests) leaves the face without glyphs.
func (f *Face) ready() error {
	if f.lazy {
		f.once.Do(func() { f.parseErr = f.parse() })
	}
	return f.parseErr
}

// Cache entries: entryKnown is set once looked up, entryHas when the face maps the rune
// to a glyph; the low 16 bits hold the advance width in font units.
const (
	entryKnown uint32 = 1 << 31
	entryHas   uint32 = 1 << 30
)

// Metrics are a face's vertical metrics (from the hhea and OS/2 tables) in em, 1.0 being
// the font size. Ascent and Descent are both positive distances from the baseline.
type Metrics struct {
	Ascent    float64 // baseline to the top of the line (hhea ascender)
	Descent   float64 // baseline to the bottom of the line (hhea descender, made positive)
	LineGap   float64 // extra leading the font suggests between lines
	CapHeight float64 // height of capital letters (OS/2 sCapHeight, else the top of H)
	XHeight   float64 // height of lower-case x (OS/2 sxHeight, else the top of x)
}

var bufPool = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

func (f *Face) lookup(r rune) uint32 {
	if f.ready() != nil {
		return entryKnown
	}
	if r >= 0 && r <= 0xFFFF {
		e := &f.bmp[r]
		if v := e.Load(); v != 0 {
			return v
		}
		v := f.compute(r)
		e.Store(v)
		return v
	}
	if r < 0 || r > unicode.MaxRune {
		return entryKnown
	}
	if v, ok := f.astral.Load(r); ok {
		return v.(uint32)
	}
	v := f.compute(r)
	f.astral.Store(r, v)
	return v
}

func (f *Face) compute(r rune) (v uint32) {
	if r >= 0xD800 && r <= 0xDFFF { // surrogates are not characters
		return entryKnown
	}
	defer func() {
		if recover() != nil { // a malformed cmap or hmtx: treat the rune as missing
			v = entryKnown
		}
	}()
	b := bufPool.Get().(*sfnt.Buffer)
	defer bufPool.Put(b)
	gi, err := f.font.GlyphIndex(b, r)
	if err != nil || gi == 0 {
		return entryKnown
	}
	// With ppem equal to UnitsPerEm (as a raw 26.6 value) the result is in font units.
	adv, err := f.font.GlyphAdvance(b, gi, fixed.Int26_6(f.UnitsPerEm), font.HintingNone)
	if err != nil || adv < 0 {
		adv = 0
	}
	return entryKnown | entryHas | uint32(min(adv, 0xFFFF))
}

// Has reports whether the face maps r to a glyph (other than .notdef).
func (f *Face) Has(r rune) bool { return f.lookup(r)&entryHas != 0 }

// Advance returns the advance width of r in em (1.0 = the font size), or 0 if the face
// has no glyph for r. Results are cached per rune, so repeated calls are cheap.
func (f *Face) Advance(r rune) float64 {
	v := f.lookup(r)
	if v&entryHas == 0 {
		return 0
	}
	return float64(v&0xFFFF) * f.perUnit
}

// Ink returns how far the ink of r's glyph reaches above the baseline (top)
// and where it ends (bottom, negative below the baseline), in em, from the
// glyph's outline bounds. ok is false when the face has no glyph for r or
// the glyph has no outline (a space).
func (f *Face) Ink(r rune) (top, bottom float64, ok bool) {
	if !f.Has(r) {
		return 0, 0, false
	}
	defer func() {
		if recover() != nil { // a malformed glyf or CFF table
			top, bottom, ok = 0, 0, false
		}
	}()
	b := bufPool.Get().(*sfnt.Buffer)
	defer bufPool.Put(b)
	gi, err := f.font.GlyphIndex(b, r)
	if err != nil || gi == 0 {
		return 0, 0, false
	}
	// With ppem equal to UnitsPerEm (as a raw 26.6 value) the bounds are in
	// font units; y grows downwards.
	bd, _, err := f.font.GlyphBounds(b, gi, fixed.Int26_6(f.UnitsPerEm), font.HintingNone)
	if err != nil || bd.Max.Y <= bd.Min.Y {
		return 0, 0, false
	}
	return float64(-bd.Min.Y) * f.perUnit, float64(-bd.Max.Y) * f.perUnit, true
}

// Coverage returns the runes of runes that the face has no glyph for, each once, in
// order of first appearance; nil when the face covers them all.
func (f *Face) Coverage(runes []rune) (missing []rune) {
	var seen map[rune]bool
	for _, r := range runes {
		if f.Has(r) || seen[r] {
			continue
		}
		if seen == nil {
			seen = map[rune]bool{}
		}
		seen[r] = true
		missing = append(missing, r)
	}
	return missing
}

// Metrics returns the face's vertical metrics in em.
func (f *Face) Metrics() Metrics {
	f.ready()
	return f.metrics
}

// Set maps roles ("title", "body", "heading1", "heading2", "pagenum", "fallback", and any
// other role name) to faces. Roles it does not define use the body face.
type Set struct {
	spec      map[string]string
	roles     map[string]*Face
	chains    map[string][]*Face
	fallbacks []*Face
	faces     []*Face
}

// Load loads the faces of spec, a map from role to source. A source is "embedded:NAME.ttf"
// (a file of package fonts), a file path, or "path#N" for face N (from 0) of a TrueType
// collection; a collection without "#N" gives face 0. Relative paths are relative to the
// working directory. A face shared by several roles is loaded once, and embedded faces are
// parsed once per process. Roles named "fallback", "fallback2", "fallback3", … form the
// fallback chain, in that order. Errors name the role, the file and the problem, in Chinese
// followed by English, and wrap ErrNotFound, ErrCFF, ErrFaceIndex and the like.
func Load(spec map[string]string) (*Set, error) {
	if len(spec) == 0 {
		return nil, errors.New("fontset: 没有配置任何字体（no fonts configured）")
	}
	s := &Set{spec: maps.Clone(spec), roles: map[string]*Face{}, chains: map[string][]*Face{}}
	byKey := map[string]*Face{}
	for _, role := range sortRoles(slices.Collect(maps.Keys(spec))) {
		src := strings.TrimSpace(spec[role])
		if src == "" {
			return nil, fmt.Errorf("fonts.%s: 没有指定字体（no font given）", role)
		}
		key, err := sourceKey(src)
		if err != nil {
			return nil, fmt.Errorf("fonts.%s: %w", role, err)
		}
		face := byKey[key]
		if face == nil {
			if name, ok := strings.CutPrefix(src, EmbeddedPrefix); ok {
				face, err = loadEmbedded(name)
			} else {
				face, err = loadFile(src)
			}
			if err != nil {
				return nil, fmt.Errorf("fonts.%s: %w", role, err)
			}
			byKey[key] = face
			s.faces = append(s.faces, face)
		}
		s.roles[role] = face
		if isFallback(role) {
			s.fallbacks = append(s.fallbacks, face)
		}
	}
	s.uniqueNames()
	for role := range s.roles {
		s.chains[role] = s.chain(s.roles[role])
	}
	return s, nil
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the set of embedded fonts: title → NotoSerifSC-Bold, body → FandolFang,
// heading1 → FandolHei, heading2 → FandolKai, pagenum and fallback → NotoSerifSC-Regular.
// It is loaded on first use and shared afterwards.
func Default() (*Set, error) {
	defaultOnce.Do(func() { defaultSet, defaultErr = Load(defaultSpec) })
	return defaultSet, defaultErr
}

// Face returns the face for role, the body face when the set does not define role, or
// nil when it defines neither.
func (s *Set) Face(role string) *Face {
	if f, ok := s.roles[role]; ok {
		return f
	}
	return s.roles[RoleBody]
}

// Chain returns the faces to try for role: the role's face, then the fallback faces,
// without duplicates.
func (s *Set) Chain(role string) []*Face { return slices.Clone(s.chainOf(role)) }

func (s *Set) chainOf(role string) []*Face {
	if c, ok := s.chains[role]; ok {
		return c
	}
	return s.chains[RoleBody]
}

func (s *Set) chain(first *Face) []*Face {
	c := []*Face{first}
	for _, f := range s.fallbacks {
		if !slices.Contains(c, f) {
			c = append(c, f)
		}
	}
	return c
}

// Resolve returns the first face in role's chain that has a glyph for r, and true. When no
// face has one it returns the role's own face (gopdf will draw its .notdef or substitute)
// and false; the face is nil only if the set has neither role nor body.
func (s *Set) Resolve(role string, r rune) (*Face, bool) {
	c := s.chainOf(role)
	for _, f := range c {
		if f.Has(r) {
			return f, true
		}
	}
	if len(c) == 0 {
		return nil, false
	}
	return c[0], false
}

// Coverage returns the runes that no face in role's chain has, each once, in order of
// first appearance.
func (s *Set) Coverage(role string, runes []rune) (missing []rune) {
	var seen map[rune]bool
	for _, r := range runes {
		if _, ok := s.Resolve(role, r); ok || seen[r] {
			continue
		}
		if seen == nil {
			seen = map[rune]bool{}
		}
		seen[r] = true
		missing = append(missing, r)
	}
	return missing
}

// Faces returns all distinct faces of the set, in role order (title, body, heading1,
// heading2, pagenum, other roles alphabetically, then the fallbacks).
func (s *Set) Faces() []*Face { return slices.Clone(s.faces) }

// Roles returns the roles the set defines, in the order of Faces.
func (s *Set) Roles() []string { return sortRoles(slices.Collect(maps.Keys(s.roles))) }

// Spec returns a copy of the role → source mapping the set was loaded from.
func (s *Set) Spec() map[string]string { return maps.Clone(s.spec) }

// uniqueNames renames faces loaded from files whose name another face already has.
// Embedded faces are shared between sets and keep their (distinct) names.
func (s *Set) uniqueNames() {
	taken := map[string]bool{}
	for _, f := range s.faces {
		if strings.HasPrefix(f.Source, EmbeddedPrefix) {
			taken[f.Name] = true
		}
	}
	for _, f := range s.faces {
		if strings.HasPrefix(f.Source, EmbeddedPrefix) {
			continue
		}
		name := f.Name
		for i := 2; taken[name]; i++ {
			name = f.Name + "-" + strconv.Itoa(i)
		}
		f.Name = name
		taken[name] = true
	}
}

var roleOrder = map[string]int{RoleTitle: 1, RoleBody: 2, RoleHeading1: 3, RoleHeading2: 4, RolePageNum: 5}

// isFallback reports whether role is "fallback" or "fallback" followed by digits.
func isFallback(role string) bool {
	rest, ok := strings.CutPrefix(role, RoleFallback)
	return ok && strings.Trim(rest, "0123456789") == ""
}

// sortRoles orders roles: the known ones, others alphabetically, then the fallbacks by number.
func sortRoles(roles []string) []string {
	rank := func(r string) (int, int) {
		if o, ok := roleOrder[r]; ok {
			return o, 0
		}
		if isFallback(r) {
			n, _ := strconv.Atoi(strings.TrimPrefix(r, RoleFallback))
			return 100, n
		}
		return 50, 0
	}
	sort.Slice(roles, func(i, j int) bool {
		a1, a2 := rank(roles[i])
		b1, b2 := rank(roles[j])
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		return roles[i] < roles[j]
	})
	return roles
}

// splitIndex splits "path#N" into path and N; N is -1 when src has no "#N" suffix or when
// a file with the whole name exists.
func splitIndex(src string) (string, int) {
	i := strings.LastIndexByte(src, '#')
	digits := src[i+1:]
	if i <= 0 || digits == "" || len(digits) > 5 || strings.Trim(digits, "0123456789") != "" {
		return src, -1
	}
	if _, err := os.Stat(src); err == nil {
		return src, -1
	}
	n, _ := strconv.Atoi(digits)
	return src[:i], n
}

// sourceKey identifies what a source loads, so roles sharing a face load it once.
func sourceKey(src string) (string, error) {
	if strings.HasPrefix(src, EmbeddedPrefix) {
		return src, nil
	}
	path, index := splitIndex(src)
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return abs + "#" + strconv.Itoa(max(index, 0)), nil
}

// fontError adds the font's source to a problem found in it.
func fontError(src string, err error) error {
	var d *detail
	switch {
	case errors.Is(err, ErrCFF):
		return &detail{ErrCFF,
			fmt.Sprintf("字体 %s 是 CFF（OpenType/PostScript）轮廓，gen 只能嵌入 TrueType 轮廓；请先用 fontforge 转换为 .ttf", src),
			fmt.Sprintf("font %s has CFF outlines, and gen embeds only TrueType outlines; convert it to .ttf first, e.g. with fontforge", src)}
	case errors.As(err, &d) && d.kind == ErrCorrupt:
		return &detail{d.kind, fmt.Sprintf("字体 %s 已损坏：%s", src, d.zh), fmt.Sprintf("font %s is corrupt: %s", src, d.en)}
	case errors.As(err, &d):
		return &detail{d.kind, fmt.Sprintf("字体 %s：%s", src, d.zh), fmt.Sprintf("font %s: %s", src, d.en)}
	default:
		return &detail{ErrCorrupt, fmt.Sprintf("字体 %s 无法使用：%v", src, err), fmt.Sprintf("font %s is unusable: %v", src, err)}
	}
}

type embeddedFace struct {
	once sync.Once
	face *Face
	err  error
}

var embeddedFaces sync.Map // file name → *embeddedFace

// loadEmbedded parses an embedded font once per process.
func loadEmbedded(name string) (*Face, error) {
	if !slices.Contains(fonts.Names(), name) {
		return nil, &detail{ErrNotFound,
			fmt.Sprintf("没有内置字体 %s；内置字体有：%s", name, strings.Join(fonts.Names(), "、")),
			fmt.Sprintf("no embedded font %s; the embedded fonts are %s", name, strings.Join(fonts.Names(), ", "))}
	}
	v, _ := embeddedFaces.LoadOrStore(name, new(embeddedFace))
	e := v.(*embeddedFace)
	e.once.Do(func() {
		src := EmbeddedPrefix + name
		// Read-only and not copied: neither sfnt nor gopdf writes to font data.
		data, _, err := trueType(fonts.Bytes(name), -1)
		if err == nil {
			err = checkCmap(data)
		}
		if err != nil {
			e.err = fontError(src, err)
			return
		}
		e.face, e.err = newLazyFace(data, src, strings.TrimSuffix(name, ".ttf"))
	})
	return e.face, e.err
}

// loadFile reads a user's font file, extracts the face and checks that the PDF writer can embed it.
func loadFile(src string) (*Face, error) {
	path, index := splitIndex(src)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &detail{ErrNotFound, fmt.Sprintf("找不到字体文件 %s", path), fmt.Sprintf("font file %s not found", path)}
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in the message already
		}
		return nil, &detail{ErrUnreadable, fmt.Sprintf("无法读取字体文件 %s：%v", path, err), fmt.Sprintf("cannot read font file %s: %v", path, err)}
	}
	ttf, _, err := trueType(data, index)
	if err == nil {
		err = checkCmap(ttf)
	}
	if err == nil {
		err = checkTables(ttf)
	}
	if err != nil {
		return nil, fontError(src, err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if index > 0 {
		base += "-" + strconv.Itoa(index)
	}
	return newFace(ttf, src, base)
}

// checkTables checks the tables the PDF writer reads for its subsets and
// font descriptors (faceTables, descriptor), so that a font it cannot embed
// fails here, with the file named, rather than in the PDF writer.
func checkTables(data []byte) error {
	t, err := faceTables(data)
	if err != nil {
		return err
	}
	if len(t["head"]) < 54 || t["glyf"] == nil || t["loca"] == nil {
		return corrupt("缺少 head、glyf 或 loca 表", "head, glyf or loca table missing or too short")
	}
	if _, ok := descriptor(t, int(binary.BigEndian.Uint16(t["head"][18:]))); !ok {
		return corrupt("OS/2、hhea、post 表太短或每 em 单位数为 0", "OS/2, hhea or post table too short, or zero units per em")
	}
	return nil
}

// newFace parses TrueType data with sfnt. name is used when the font has no PostScript
// name (embedded faces always use it).
func newFace(data []byte, source, name string) (*Face, error) {
	f := &Face{Source: source, Data: data}
	if err := f.parse(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(source, EmbeddedPrefix) {
		if ps, err := f.font.Name(nil, sfnt.NameIDPostScript); err == nil && pdfName(ps) != "" {
			name = ps
		}
	}
	if name = pdfName(name); name == "" {
		name = "Font"
	}
	f.Name = name
	return f, nil
}

// newLazyFace makes a face of checked TrueType data (an embedded font) that is
// parsed on first use; only the units per em are read now.
func newLazyFace(data []byte, source, name string) (*Face, error) {
	t, err := faceTables(data)
	if err != nil {
		return nil, fontError(source, err)
	}
	upem := int(binary.BigEndian.Uint16(t["head"][18:]))
	if upem < 16 || upem > 16384 {
		return nil, fontError(source, corrupt("unitsPerEm %d 不合理", "implausible unitsPerEm %d", upem))
	}
	if name = pdfName(name); name == "" {
		name = "Font"
	}
	return &Face{Name: name, Source: source, Data: data, UnitsPerEm: upem, lazy: true}, nil
}

// parse reads the face's data with sfnt: units per em, metrics, the glyph cache.
func (f *Face) parse() error {
	sf, err := parseSFNT(f.Data)
	if err != nil {
		return fontError(f.Source, err)
	}
	upem := int(sf.UnitsPerEm())
	if upem < 16 || upem > 16384 {
		return fontError(f.Source, corrupt("unitsPerEm %d 不合理", "implausible unitsPerEm %d", upem))
	}
	f.font, f.UnitsPerEm, f.perUnit = sf, upem, 1/float64(upem)
	f.bmp = make([]atomic.Uint32, 0x10000)
	if m, err := sf.Metrics(nil, fixed.Int26_6(upem), font.HintingNone); err == nil {
		u := f.perUnit
		f.metrics = Metrics{Ascent: float64(m.Ascent) * u, Descent: float64(m.Descent) * u,
			LineGap: float64(m.Height-m.Ascent-m.Descent) * u,
			// sfnt measures these from glyph outlines (y down) when OS/2 is older than version 2.
			CapHeight: math.Abs(float64(m.CapHeight)) * u, XHeight: math.Abs(float64(m.XHeight)) * u}
	}
	return nil
}

// parseSFNT parses data with sfnt; when sfnt rejects a table that measuring does not
// need (GPOS, kern, post), it retries with a copy that leaves those tables out.
func parseSFNT(data []byte) (*sfnt.Font, error) {
	f, err := safeParse(data)
	if err == nil {
		return f, nil
	}
	m, err2 := measureCopy(data)
	if err2 != nil {
		return nil, err2
	}
	if f, err2 := safeParse(m); err2 == nil {
		return f, nil
	}
	return nil, corrupt("无法解析：%v", "cannot parse: %v", err)
}

func safeParse(data []byte) (f *sfnt.Font, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("sfnt: %v", r)
		}
	}()
	return sfnt.Parse(data)
}

// pdfName keeps the characters of s that are safe in a PDF name and a gopdf family name.
func pdfName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.', r == '+':
			return r
		case r == ' ':
			return '-'
		}
		return -1
	}, s)
}
