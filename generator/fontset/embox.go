package fontset

import (
	"encoding/binary"
	"math"
)

// EmBox is the face's design em box, in em: how far it reaches above and
// below the baseline (OS/2 sTypoAscender and −sTypoDescender; 0.88 and 0.12
// in CJK fonts made to the Adobe convention). A CJK character's visible top
// and bottom lie just inside it, whereas the PDF ascent (PDFAscent) of a
// face such as Noto Serif CJK reaches 0.27 em higher. ok is false when the
// face has no OS/2 typo metrics.
func (f *Face) EmBox() (ascent, descent float64, ok bool) {
	t, err := faceTables(f.Data)
	if err != nil || f.UnitsPerEm == 0 {
		return 0, 0, false
	}
	os2 := t["OS/2"]
	if len(os2) < 72 {
		return 0, 0, false
	}
	a := float64(int16(binary.BigEndian.Uint16(os2[68:])))
	d := -float64(int16(binary.BigEndian.Uint16(os2[70:])))
	if a <= 0 || d < 0 || a+d == 0 {
		return 0, 0, false
	}
	em := float64(f.UnitsPerEm)
	return math.Round(a*1000/em) / 1000, math.Round(d*1000/em) / 1000, true
}
