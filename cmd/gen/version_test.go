package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersionOutput(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	cases := []struct {
		name             string
		v, c, d          string
		wantV, wantC, wd string
	}{
		{"stamped by .ci/release", "v1.4.0", "0123456789abcdef0123", "2026-12-01T08:00:00Z", "gen v1.4.0", "0123456789ab", "2026-12-01T08:00:00Z"},
		{"plain go build", "", "", "", "gen dev", "", ""},
	}
	for _, c := range cases {
		version, commit, date = c.v, c.c, c.d
		for _, args := range [][]string{{"version"}, {"--version"}} {
			code, out := capture(t, args...)
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			if code != 0 || len(lines) != 4 {
				t.Errorf("%s: gen %v: exit %d, %d lines:\n%s", c.name, args, code, len(lines), out)
				continue
			}
			if lines[0] != c.wantV {
				t.Errorf("%s: gen %v: first line %q, want %q", c.name, args, lines[0], c.wantV)
			}
			if c.wantC != "" && !strings.HasSuffix(lines[1], " "+c.wantC) {
				t.Errorf("%s: gen %v: commit line %q, want %s", c.name, args, lines[1], c.wantC)
			}
			if c.wd != "" && !strings.HasSuffix(lines[2], " "+c.wd) {
				t.Errorf("%s: gen %v: date line %q, want %s", c.name, args, lines[2], c.wd)
			}
			if !strings.Contains(lines[3], runtime.Version()) || !strings.Contains(lines[3], runtime.GOOS+"/"+runtime.GOARCH) {
				t.Errorf("%s: gen %v: Go line %q", c.name, args, lines[3])
			}
		}
	}
}
