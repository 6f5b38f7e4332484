package pdf

import "github.com/gongwen/gen/generator/model"

// EmBox implements layout.EmBoxer with the design em box of the role's own
// face (fontset.Face.EmBox), or the CJK convention 0.88/0.12 when the face
// does not say.
func (m *measurer) EmBox(role model.Role) (ascent, descent float64) {
	if f := m.set.Face(string(role)); f != nil {
		if a, d, ok := f.EmBox(); ok {
			return a, d
		}
	}
	return 0.88, 0.12
}
