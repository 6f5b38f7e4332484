package tmpl

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"
)

// What one execution of a template part may cost. A template from
// elsewhere must not exhaust memory or run for ever: {{repeat 3000000000
// "x"}}, {{range until 400000000}} and {{range 100000000000}}{{end}} stop
// with a message instead.
const (
	MaxPartBytes  = 4 << 20   // a template part file
	MaxOutput     = 64 << 20  // what one execution writes
	MaxIterations = 5_000_000 // loop iterations plus repeated units, per execution
	// MaxDuration is the last resort against a template that is slow in a
	// way the counts above do not see. The counts already bound the work,
	// and a legitimate document of 200,000 paragraphs takes over 10 s on a
	// busy 2-core machine (more under the race detector), so the clock is
	// generous.
	MaxDuration = 2 * time.Minute
)

// ErrTemplateLimit marks an execution stopped by one of the limits above.
var ErrTemplateLimit = errors.New("template limit")

// rangeCap is the function Bound inserts into every {{range}} pipeline.
const rangeCap = "genRangeCap"

// budget is what remains to one execution.
type budget struct {
	left     int64
	deadline time.Time
}

func newBudget() *budget {
	return &budget{left: MaxIterations, deadline: time.Now().Add(MaxDuration)}
}

func (b *budget) spend(n int64, what string) error {
	if n < 0 {
		n = 0
	}
	if n > b.left {
		return fmt.Errorf("%w: 模板中的 %s 超过上限（共 %d 次循环或重复）：请检查模板（template %s over the limit of %d iterations）", ErrTemplateLimit, what, MaxIterations, what, MaxIterations)
	}
	b.left -= n
	if time.Now().After(b.deadline) {
		return fmt.Errorf("%w: 模板渲染超过 %v：请检查模板中的循环（template ran longer than %v）", ErrTemplateLimit, MaxDuration, MaxDuration)
	}
	return nil
}

// funcs are the bounded replacements of sprig's functions that can make
// unbounded output or lists, and the range guard.
func (b *budget) funcs() template.FuncMap {
	return template.FuncMap{
		"repeat": func(count int, s string) (string, error) {
			if err := b.spend(int64(count)*int64(max(len(s), 1)), "repeat"); err != nil {
				return "", err
			}
			if count <= 0 {
				return "", nil
			}
			return strings.Repeat(s, count), nil
		},
		"until": func(count int) ([]int, error) {
			if err := b.spend(int64(count), "until"); err != nil {
				return nil, err
			}
			return seqInts(0, count, 1), nil
		},
		"untilStep": func(start, stop, step int) ([]int, error) {
			if step == 0 {
				return []int{}, nil
			}
			n := (int64(stop) - int64(start)) / int64(step)
			if err := b.spend(n, "untilStep"); err != nil {
				return nil, err
			}
			return seqInts(start, stop, step), nil
		},
		"indent": func(spaces int, s string) (string, error) {
			if err := b.spend(int64(spaces)*int64(strings.Count(s, "\n")+1), "indent"); err != nil {
				return "", err
			}
			pad := strings.Repeat(" ", max(spaces, 0))
			return pad + strings.ReplaceAll(s, "\n", "\n"+pad), nil
		},
		"nindent": func(spaces int, s string) (string, error) {
			if err := b.spend(int64(spaces)*int64(strings.Count(s, "\n")+1), "nindent"); err != nil {
				return "", err
			}
			pad := strings.Repeat(" ", max(spaces, 0))
			return "\n" + pad + strings.ReplaceAll(s, "\n", "\n"+pad), nil
		},
		rangeCap: func(v any) (any, error) {
			n := int64(0)
			rv := reflect.ValueOf(v)
			switch rv.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				n = rv.Int()
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				n = int64(min(rv.Uint(), uint64(MaxIterations)+1))
			case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
				n = int64(rv.Len())
			}
			if err := b.spend(n, "range"); err != nil {
				return nil, err
			}
			return v, nil
		},
	}
}

func seqInts(start, stop, step int) []int {
	out := []int{}
	for i := start; step > 0 && i < stop || step < 0 && i > stop; i += step {
		out = append(out, i)
	}
	return out
}

// Guard adds to m the bounded functions (repeat, until, untilStep, indent,
// nindent, and the range guard Bound inserts), replacing sprig's. Parse
// templates with the result, call Bound, and run them with Execute.
func Guard(m template.FuncMap) template.FuncMap {
	for k, f := range newBudget().funcs() {
		m[k] = f
	}
	return m
}

// Bound rewrites every {{range X}} of t and its associated templates into
// {{range X | genRangeCap}}, so that each loop's length is charged to the
// execution's budget before it starts. t must have been parsed with the
// functions of Guard.
func Bound(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			boundNode(tt.Tree.Root)
		}
	}
}

func boundNode(n parse.Node) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			boundNode(c)
		}
	case *parse.RangeNode:
		if x.Pipe != nil && !guarded(x.Pipe) {
			x.Pipe.Cmds = append(x.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: x.Pipe.Pos,
				Args: []parse.Node{parse.NewIdentifier(rangeCap).SetPos(x.Pipe.Pos)}})
		}
		boundNode(x.List)
		boundNode(x.ElseList)
	case *parse.IfNode:
		boundNode(x.List)
		boundNode(x.ElseList)
	case *parse.WithNode:
		boundNode(x.List)
		boundNode(x.ElseList)
	}
}

func guarded(p *parse.PipeNode) bool {
	if len(p.Cmds) == 0 {
		return false
	}
	last := p.Cmds[len(p.Cmds)-1]
	id, ok := last.Args[0].(*parse.IdentifierNode)
	return ok && len(last.Args) == 1 && id.Ident == rangeCap
}

// Execute runs t on data into w within the limits: a fresh budget of
// iterations, at most MaxOutput bytes written, and MaxDuration. It is safe
// for concurrent use on one parsed template. It copies t for the run; a
// template run many times should be run through a Bounded instead.
func Execute(t *template.Template, w io.Writer, data any) error {
	return (&Bounded{t: t}).Execute(w, data) // a copy: t may be run by others at the same time
}

// ExecuteTemplate is Execute for the associated template called name.
func ExecuteTemplate(t *template.Template, w io.Writer, name string, data any) error {
	return (&Bounded{t: t}).ExecuteTemplate(w, name, data)
}

// Bounded runs one parsed template (Guard's functions, Bound applied)
// again and again within the limits of Execute. The bounded functions of a
// template close over the budget of its execution, so each execution needs
// a copy of the template bound to a budget of its own; a Bounded keeps the
// copies it made and reuses them, resetting the budget, instead of copying
// the template for every run. It is safe for concurrent use: concurrent
// executions take different copies.
type Bounded struct {
	t     *template.Template
	first atomic.Pointer[boundCopy] // t itself, bound by NewBounded, until taken
	pool  sync.Pool                 // *boundCopy
}

// boundCopy is a copy of the template whose bounded functions charge b.
type boundCopy struct {
	t *template.Template
	b *budget
}

// NewBounded prepares t for bounded executions. t must not change after,
// nor be run other than through the Bounded:
// the Bounded binds t itself to a budget and runs it first, so that a
// process that runs a template once (one report) copies none (copying a
// part with sprig's 200 functions costs more than running it); further
// concurrent runs take copies.
func NewBounded(t *template.Template) *Bounded {
	x := &Bounded{t: t}
	b := newBudget()
	t.Funcs(b.funcs())
	x.first.Store(&boundCopy{t: t, b: b})
	return x
}

// get returns a copy with a fresh budget.
func (x *Bounded) get() (*boundCopy, error) {
	if c := x.first.Swap(nil); c != nil {
		*c.b = *newBudget()
		return c, nil
	}
	if c, ok := x.pool.Get().(*boundCopy); ok {
		*c.b = *newBudget()
		return c, nil
	}
	t, err := x.t.Clone()
	if err != nil {
		return nil, err
	}
	b := newBudget()
	t.Funcs(b.funcs())
	return &boundCopy{t: t, b: b}, nil
}

// Execute runs the template on data into w within the limits.
func (x *Bounded) Execute(w io.Writer, data any) error {
	c, err := x.get()
	if err != nil {
		return err
	}
	defer x.pool.Put(c)
	return c.t.Execute(&limitWriter{w: w, left: MaxOutput, b: c.b}, data)
}

// ExecuteTemplate is Execute for the associated template called name.
func (x *Bounded) ExecuteTemplate(w io.Writer, name string, data any) error {
	c, err := x.get()
	if err != nil {
		return err
	}
	defer x.pool.Put(c)
	return c.t.ExecuteTemplate(&limitWriter{w: w, left: MaxOutput, b: c.b}, name, data)
}

// limitWriter stops an execution that writes too much or too long.
type limitWriter struct {
	w      io.Writer
	left   int64
	b      *budget
	writes int
}

// clockEvery is how many writes go between two looks at the clock: a
// template writes in many small pieces, and reading the clock for each
// cost a sixth of the execution. Loops and repeats look at it on every
// charge (budget.spend), so a template that runs long still stops.
const clockEvery = 64

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		return 0, fmt.Errorf("%w: 模板输出超过 %d 字节：请检查模板（template output over %d bytes）", ErrTemplateLimit, MaxOutput, MaxOutput)
	}
	l.writes++
	if l.writes%clockEvery == 0 && time.Now().After(l.b.deadline) {
		return 0, fmt.Errorf("%w: 模板渲染超过 %v：请检查模板中的循环（template ran longer than %v）", ErrTemplateLimit, MaxDuration, MaxDuration)
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

// ReadPart reads a template part: a regular file of at most MaxPartBytes
// (a FIFO or a device among a template's files would block or never end).
func ReadPart(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("模板文件 %s 不是普通文件：请换成普通文件（template part is not a regular file）", name)
	}
	if st.Size() > MaxPartBytes {
		return nil, fmt.Errorf("模板文件 %s 有 %d 字节，超过上限 %d（template part too large）", name, st.Size(), MaxPartBytes)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPartBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxPartBytes {
		return nil, fmt.Errorf("模板文件 %s 超过上限 %d 字节（template part too large）", name, MaxPartBytes)
	}
	return data, nil
}
