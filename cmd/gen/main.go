// Command gen turns a Chinese agency's yearly work report, written as a YAML
// data file, into print-ready documents in the official format (GB/T
// 9704-2012): a PDF and a DOCX. Run `gen --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/gongwen/gen/generator/build"
	"github.com/gongwen/gen/generator/diag"
)

// msgLang is the language of messages printed on the way out: the
// environment's, until loadConfig knows --lang.
var msgLang = diag.Lang()

// Exit codes, documented in --help.
const (
	exitOK    = 0 // all good
	exitInput = 1 // some input failed (or lint errors with --strict)
	exitUsage = 2 // usage or configuration error
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func usageErr(err error) error { return &exitError{code: exitUsage, err: err} }
func inputErr(err error) error { return &exitError{code: exitInput, err: err} }

func main() {
	tuneGC()
	stop := startProfile()
	code := run(os.Args[1:])
	stop()
	os.Exit(code)
}

// run executes the command line and returns the exit code.
func run(args []string) int {
	msgLang = diag.Lang()
	cmd := newRoot()
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			msg, _ := build.ErrorText(ee.err, msgLang)
			fmt.Fprintln(os.Stderr, "gen:", msg)
		}
		return ee.code
	}
	// cobra's own errors: unknown flags, wrong argument counts.
	fmt.Fprintln(os.Stderr, "gen:", err)
	return exitUsage
}
