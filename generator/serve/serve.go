// Package serve is `gen serve`: a local web page on which a clerk fills in
// a report in a form built from the data-format schema and sees its pages
// as they will print, plus the HTTP API the page uses (and scripts can).
//
// It loads, validates, lints and exports with the same packages as the
// command line (load, lint, pdf, docx, compile), so a message on the page is
// the message `gen check` prints. The server guards the folder it serves:
// only plain files directly in it are read or written, requests must name
// the loopback address it listens on (no DNS rebinding), state-changing
// requests carry a per-process token, bodies and render times are bounded,
// and a panic in one request answers that request with an error only.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/gongwen/gen/generator/diag"
	"github.com/gongwen/gen/generator/fontset"
	"github.com/gongwen/gen/generator/load"
	"github.com/gongwen/gen/generator/tmpl"
	"github.com/gongwen/gen/schema"
)

// Env is what rendering with one template needs: the template and the font
// of every role. The command line builds it as for `gen` (gen.yaml's layout
// and fonts applied).
type Env struct {
	Template *tmpl.Template
	Fonts    *fontset.Set
}

// Options configure a server.
type Options struct {
	// Dir is the folder of data files served.
	Dir string
	// Env returns the template and fonts for a template name ("" is the
	// configured default). Required.
	Env func(template string) (*Env, error)
	// Templates are the names offered for the volume (default: built-ins).
	Templates []string
	// Limits are the loader's limits (gen.yaml limits:); MaxBytes also
	// bounds request bodies.
	Limits load.Limits
	// RenderTimeout bounds one render (default 60 s).
	RenderTimeout time.Duration
	// EmbedFonts puts the free fonts into DOCX files (gen.yaml embed_fonts).
	EmbedFonts bool
	// Lang is the language of messages ("zh" or "en").
	Lang string
	// Starter writes the commented starter file of `gen init`.
	Starter func(agency string, year int) ([]byte, error)
	// Import turns a .docx/.txt/.md file into data files, one per report
	// (gen import), with its messages; nil when not available.
	Import func(name string, data []byte) ([][]byte, diag.List)
	// Token is the per-process token (default: random).
	Token string
	// Log receives one line per refused or failed request (default: none).
	Log *log.Logger
}

// Server serves one folder.
type Server struct {
	opt    Options
	root   *os.Root
	schema *schemaInfo
	form   []byte // the form's schema, JSON
	slots  chan struct{}
	mu     sync.Mutex
	cache  map[string]listEntry // report list entries by name, with mtime/size
	envs   map[string]*Env      // templates and fonts by template name
	host   map[string]bool      // allowed Host values, set by Listen
}

// New opens the folder and prepares the server.
func New(opt Options) (*Server, error) {
	if opt.Env == nil {
		return nil, errors.New("serve: Options.Env is required")
	}
	if opt.Dir == "" {
		opt.Dir = "."
	}
	abs, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, err
	}
	opt.Dir = abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s 不是文件夹（not a folder）", opt.Dir)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	if opt.Limits.MaxBytes == 0 {
		opt.Limits = load.DefaultLimits
	}
	if opt.RenderTimeout <= 0 {
		opt.RenderTimeout = 60 * time.Second
	}
	if opt.Lang == "" {
		opt.Lang = "zh"
	}
	if opt.Token == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		opt.Token = hex.EncodeToString(b)
	}
	if opt.Log == nil {
		opt.Log = log.New(io.Discard, "", 0)
	}
	sch, err := parseSchema(schema.ReportJSON)
	if err != nil {
		return nil, err
	}
	form, err := jsonBytes(sch.formSchema())
	if err != nil {
		return nil, err
	}
	n := runtime.NumCPU()
	if n < 2 {
		n = 2
	}
	return &Server{opt: opt, root: root, schema: sch, form: form, slots: make(chan struct{}, n), cache: map[string]listEntry{}, envs: map[string]*Env{}, host: map[string]bool{}}, nil
}

// Token is the per-process token state-changing requests must carry in the
// X-Gen-Token header.
func (s *Server) Token() string { return s.opt.Token }

// Close releases the folder.
func (s *Server) Close() error { return s.root.Close() }

// Listen binds addr (default 127.0.0.1:8800). The Host and Origin of
// requests must then name this address (or localhost with its port).
func (s *Server) Listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:8800"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s.allow(ln.Addr().String())
	return ln, nil
}

// allow adds the Host values that name the listening address.
func (s *Server) allow(addr string) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.host[net.JoinHostPort(host, port)] = true
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() || host == "localhost" {
		for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
			s.host[net.JoinHostPort(h, port)] = true
		}
	}
}

// Serve answers requests on ln until ctx is done, then shuts down cleanly
// (requests under way get 5 seconds to finish).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          s.opt.Log,
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		<-done
		return err
	}
}

// IsLoopback tells whether addr ("host:port") binds only to loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
