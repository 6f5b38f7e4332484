package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// volumeJSON is the part of gen --compile --json that scripts read.
type volumeJSON struct {
	Version int      `json:"version"`
	Title   string   `json:"title"`
	Outputs []string `json:"outputs"`
	Pages   int      `json:"pages"`
	Reports []struct {
		Input     string `json:"input"`
		Agency    string `json:"agency"`
		FirstPage int    `json:"first_page"`
	} `json:"reports"`
	LeftOut     []string `json:"left_out"`
	Diagnostics []struct {
		Code     string `json:"code"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
	} `json:"diagnostics"`
	ErrorCode string `json:"error_code"`
}

// TestCompileJSON: gen --compile --json prints one JSON object (and
// nothing else on stdout) for a volume that is written, for one stopped by
// a malformed member, and for one written without it (--keep-going).
func TestCompileJSON(t *testing.T) {
	in := t.TempDir()
	copyExample(t, in, "01-图书馆.yaml")
	copyExample(t, in, "06-医疗保障局.yaml")

	decode := func(t *testing.T, stdout string) volumeJSON {
		t.Helper()
		var v volumeJSON
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
		}
		if v.Version != 1 {
			t.Errorf("version %d, want 1", v.Version)
		}
		return v
	}

	out := filepath.Join(t.TempDir(), "o")
	code, stdout, stderr := captureSplit(t, "--compile", "--json", "-o", out, in)
	v := decode(t, stdout)
	if code != 0 || len(v.Outputs) != 2 || len(v.Reports) != 2 || v.Pages < 4 || v.ErrorCode != "" {
		t.Fatalf("exit %d, %+v\n%s", code, v, stderr)
	}
	if v.Reports[0].FirstPage != 1 || v.Reports[1].FirstPage <= v.Reports[0].FirstPage || v.Reports[0].Agency != "图书馆" {
		t.Errorf("reports %+v", v.Reports)
	}
	for _, p := range v.Outputs {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("output %s: %v", p, err)
		}
	}

	bad := filepath.Join(in, "03-bad.yaml")
	os.WriteFile(bad, []byte("agency: 统计局\nyear: 2023\nheding: x\n"), 0o644)
	out2 := filepath.Join(t.TempDir(), "o")
	code, stdout, _ = captureSplit(t, "--compile", "--json", "-o", out2, in)
	v = decode(t, stdout)
	if code != 1 || v.ErrorCode != "volume-problems" || len(v.Outputs) != 0 || len(v.LeftOut) != 1 || v.LeftOut[0] != bad {
		t.Errorf("malformed member: exit %d, %+v", code, v)
	}
	if len(v.Diagnostics) == 0 || v.Diagnostics[0].Code != "unknown-key" || v.Diagnostics[0].Line != 3 || v.Diagnostics[0].Severity != "error" {
		t.Errorf("diagnostics %+v", v.Diagnostics)
	}
	if _, err := os.Stat(out2); err == nil && len(outputs(t, out2)) > 0 {
		t.Errorf("files written for a stopped volume: %v", outputs(t, out2))
	}

	code, stdout, _ = captureSplit(t, "--compile", "--json", "--keep-going", "-o", out2, in)
	v = decode(t, stdout)
	if code != 1 || v.ErrorCode != "" || len(v.Outputs) != 2 || len(v.Reports) != 2 || len(v.LeftOut) != 1 {
		t.Errorf("--keep-going: exit %d, %+v", code, v)
	}
}
