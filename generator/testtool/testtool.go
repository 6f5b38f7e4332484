// Package testtool finds and runs the command-line tools the tests check
// outputs with (poppler's pdftotext/pdffonts/pdftoppm, qpdf, LibreOffice).
// A test that needs a missing tool skips with a message, or fails when the
// environment variable GEN_REQUIRE_TOOLS is set (CI sets it).
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Required reports whether missing tools must fail tests (GEN_REQUIRE_TOOLS).
func Required() bool { return os.Getenv("GEN_REQUIRE_TOOLS") != "" }

// Missing skips t with why, or fails it when tools are required.
func Missing(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s (GEN_REQUIRE_TOOLS is set)", why)
	}
	t.Skip(why)
}

// Path returns the path of a tool, or skips/fails t when it is missing.
func Path(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" not found: install poppler-utils, qpdf and libreoffice-writer-nogui (see .ci/run)")
	}
	return p
}

// Run runs a tool and returns its standard output; a failure fails t.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(Path(t, name), args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}
