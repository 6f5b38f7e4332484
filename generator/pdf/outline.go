package pdf

import (
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/signintech/gopdf"
)

// gopdf v0.33.0 adds every bookmark to one flat chain under the outline
// root and its helpers for nesting (OutlineNodes.Parse) are broken: they
// set Next where Prev is meant, leave the root's /Last and /Count counting
// the children, and every top-level item's /Parent is the object before the
// root (an index off by one). outlineTree therefore lets gopdf create and
// place the items (AddOutlineWithPosition: page and height are right) and
// then writes the whole tree itself: Parent, Prev, Next, First and Last of
// every item through gopdf's exported setters, and the root's First, Last
// and Count (fields without setters) by reflection, like rawOp. Children
// start collapsed (items have no /Count), so the root's Count is the number
// of top-level items. TestVolumeOutline guards this against gopdf changes.
type outlineTree struct {
	roots []*outlineNode
	stack []*outlineNode
}

type outlineNode struct {
	obj      *gopdf.OutlineObj
	level    int
	children []*outlineNode
}

// add appends an item: a child of the nearest earlier item of a lower level.
func (t *outlineTree) add(obj *gopdf.OutlineObj, level int) {
	n := &outlineNode{obj: obj, level: level}
	for len(t.stack) > 0 && t.stack[len(t.stack)-1].level >= level {
		t.stack = t.stack[:len(t.stack)-1]
	}
	if len(t.stack) == 0 {
		t.roots = append(t.roots, n)
	} else {
		p := t.stack[len(t.stack)-1]
		p.children = append(p.children, n)
	}
	t.stack = append(t.stack, n)
}

// link writes the tree's links into gopdf's objects.
func (t *outlineTree) link(gp *gopdf.GoPdf) (err error) {
	if len(t.roots) == 0 {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gopdf internals changed, cannot write the bookmarks: %v", r)
		}
	}()
	v := reflect.ValueOf(gp).Elem()
	rootID := int(v.FieldByName("indexOfOutlinesObj").Int()) + 1
	siblings(t.roots, rootID)
	root := v.FieldByName("outlines").Elem()
	for name, val := range map[string]int{
		"first": t.roots[0].obj.GetIndex(),
		"last":  t.roots[len(t.roots)-1].obj.GetIndex(),
		"count": len(t.roots),
	} {
		f := root.FieldByName(name)
		if !f.IsValid() || f.Kind() != reflect.Int {
			return errors.New("gopdf internals changed: no outline field " + name)
		}
		reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetInt(int64(val))
	}
	return nil
}

// siblings links a list of items to their parent and to each other, then
// their children, recursively.
func siblings(ns []*outlineNode, parent int) {
	for i, n := range ns {
		n.obj.SetParent(parent)
		prev, next := -1, -1
		if i > 0 {
			prev = ns[i-1].obj.GetIndex()
		}
		if i+1 < len(ns) {
			next = ns[i+1].obj.GetIndex()
		}
		n.obj.SetPrev(prev)
		n.obj.SetNext(next)
		if len(n.children) > 0 {
			n.obj.SetFirst(n.children[0].obj.GetIndex())
			n.obj.SetLast(n.children[len(n.children)-1].obj.GetIndex())
			siblings(n.children, n.obj.GetIndex())
		} else {
			n.obj.SetFirst(0)
			n.obj.SetLast(0)
		}
	}
}
