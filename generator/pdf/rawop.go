package pdf

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/signintech/gopdf"
)

// gopdf v0.33.0 has no API for the text render mode, which synthetic bold
// needs (2 Tr: fill, then stroke the outline). rawOp appends an operator to
// the current page's content stream: it adds a stroke-grey operator through
// the public API and rewrites that cached operator's name, reached by
// reflection, so "0.00 G" becomes "0.00 G <op>". Only this file depends on
// gopdf internals; TestSyntheticBold guards it.
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
