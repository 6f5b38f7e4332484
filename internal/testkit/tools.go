package testkit

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

// packages names what installs each tool the tests use (.ci/run installs
// them all).
var packages = map[string]string{
	"pdftotext": "Debian package poppler-utils", "pdftoppm": "Debian package poppler-utils",
	"pdffonts": "Debian package poppler-utils", "pdfinfo": "Debian package poppler-utils",
	"qpdf": "Debian package qpdf", "soffice": "Debian package libreoffice-writer-nogui",
	"fc-match": "Debian package fontconfig", "pandoc": "Debian package pandoc",
	"chromium": "Debian package chromium", "zip": "Debian package zip",
	"yaml-language-server": "npm package yaml-language-server (.ci/run puts it in $HOME/.cache/gen-npm)",
}

// Path returns the path of a tool, or skips/fails t when it is missing.
func Path(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		from := packages[name]
		if from == "" {
			from = "it"
		}
		Missing(t, name+" not found: install "+from+" (see .ci/run)")
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
