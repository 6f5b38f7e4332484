package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/tmpl"
)

// testEnv loads a template and its fonts as `gen` does without gen.yaml.
func testEnv(name string) (*Env, error) {
	if name == "" {
		name = "gongwen"
	}
	tpl, err := tmpl.Load(name, nil)
	if err != nil {
		return nil, err
	}
	spec := map[string]string{}
	for role, f := range tpl.Layout.Fonts {
		spec[role] = f.PDF
	}
	set, err := fontset.Load(spec)
	if err != nil {
		return nil, err
	}
	return &Env{Template: tpl, Fonts: set}, nil
}

// copyExamples copies the 2023 examples (reports and manifest) into a new
// folder.
func copyExamples(t testing.TB, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	if len(names) == 0 {
		m, _ := filepath.Glob("../../examples/2023/*.yaml")
		for _, p := range m {
			names = append(names, filepath.Base(p))
		}
	}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("../../examples/2023", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// testServer is a running server on a loopback port.
type testServer struct {
	*Server
	URL  string
	Dir  string
	stop func()
}

func startServer(t testing.TB, dir string, mod func(*Options)) *testServer {
	t.Helper()
	opt := Options{Dir: dir, Env: testEnv, Starter: func(agency string, year int) ([]byte, error) {
		return []byte("# 起始文件\nagency: " + agency + "\nyear: " + itoa(year) + "\nsections:\n  - heading: 工作成效\n    text: 全年完成xx项。\n"), nil
	}}
	if mod != nil {
		mod(&opt)
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = s.Serve(ctx, ln); close(done) }()
	ts := &testServer{Server: s, URL: "http://" + ln.Addr().String(), Dir: dir}
	ts.stop = func() { cancel(); <-done; s.Close() }
	t.Cleanup(ts.stop)
	return ts
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// do sends a request with the token (unless headers say otherwise).
func (ts *testServer) do(t testing.TB, method, path string, body []byte, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Gen-Token", ts.Token())
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	c := &http.Client{Timeout: 60 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// apiErr decodes an error answer.
func apiErr(t testing.TB, b []byte) apiError {
	t.Helper()
	var v struct {
		Error apiError `json:"error"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not a JSON error: %v: %s", err, b)
	}
	return v.Error
}

var _ = net.IPv4len
