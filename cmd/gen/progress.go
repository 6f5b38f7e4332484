package main

import (
	"fmt"
	"io"
	"os"

	"github.com/gongwen/gen/generator/build"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// plainProgress prints one line per finished report (CI, pipes).
type plainProgress struct {
	w    io.Writer
	lang string
}

func (p *plainProgress) Start(int) {}

func (p *plainProgress) Done(o build.Outcome) { fmt.Fprintln(p.w, o.Line(p.lang)) }

// barProgress draws a progress bar on a terminal: reports done / total, the
// agency just finished, elapsed time; failures are printed above the bar.
type barProgress struct {
	w    io.Writer
	lang string
	bar  *progressbar.ProgressBar
}

func (p *barProgress) Start(total int) {
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetDescription("生成中"),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Done(o build.Outcome) {
	// Failures and reports with messages (e.g. characters no font has) are
	// printed above the bar, as in plain output.
	if o.Err != nil || len(o.Diags) > 0 {
		p.bar.Clear()
		fmt.Fprintln(p.w, o.Line(p.lang))
	}
	name := o.Agency
	if name == "" {
		name = o.Input
	}
	p.bar.Describe(name)
	p.bar.Add(1)
}

// newProgress picks the bar on a terminal, plain lines elsewhere, and
// nothing with --quiet or --json.
func newProgress(quiet, jsonOut bool, lang string) build.Progress {
	if quiet || jsonOut {
		return nil
	}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		return &barProgress{w: os.Stderr, lang: lang}
	}
	return &plainProgress{w: os.Stdout, lang: lang}
}
