package pdf

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/signintech/gopdf"
)

// gopdf v0.33.0 has no API for operators of its own choosing: drawPage
// writes each page's text (shown by glyph id in the fonts fontdict.go
// embeds, synthetic bold as 2 Tr) as one block of operators. rawOp appends
// such a block to the current page's content stream: it adds a stroke-grey operator through
// the public API and rewrites that cached operator's name, reached by
// reflection, so "0.00 G" becomes "0.00 G <op>". Only this file depends on
// gopdf internals; every test that reads a PDF's text guards it.
func rawOp(gp *gopdf.GoPdf, op string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gopdf internals changed, cannot write %q: %v", op, r)
		}
	}()
	gp.SetGrayStroke(0)
	v := reflect.ValueOf(gp).Elem()
	idx := int(v.FieldByName("indexOfContent").Int())
	content := v.FieldByName("pdfObjs").Index(idx).Elem() // *ContentObj
	caches := content.Elem().FieldByName("listCache").FieldByName("caches")
	last := caches.Index(caches.Len() - 1).Elem().Elem() // cacheContentGray
	f := last.FieldByName("grayType")
	if !f.IsValid() || f.Kind() != reflect.String {
		return errors.New("gopdf internals changed: no grayType field")
	}
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetString("G " + op)
	return nil
}

// releaser returns a function that drops gopdf's object n (1-based) once
// the packer has taken it (see packer.taken): gopdf's compilePdf writes
// each object once, in order, and reads none of the earlier ones again, so
// a volume's page contents (the bulk of gopdf's document) are freed as
// they are written instead of all at the end. It returns nil, and nothing
// is freed, if gopdf's internals are not as expected.
func releaser(gp *gopdf.GoPdf) (release func(n int)) {
	defer func() {
		if recover() != nil {
			release = nil
		}
	}()
	objs := reflect.ValueOf(gp).Elem().FieldByName("pdfObjs")
	if objs.Kind() != reflect.Slice || objs.Type().Elem().Kind() != reflect.Interface {
		return nil
	}
	objs = reflect.NewAt(objs.Type(), unsafe.Pointer(objs.UnsafeAddr())).Elem()
	zero := reflect.Zero(objs.Type().Elem())
	return func(n int) {
		if n >= 1 && n <= objs.Len() {
			objs.Index(n - 1).Set(zero)
		}
	}
}
