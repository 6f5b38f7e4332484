package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/internal/testkit"
)

// lspConn speaks JSON-RPC with LSP framing over a process's stdio.
type lspConn struct {
	w  io.Writer
	r  *bufio.Reader
	id int
}

func (c *lspConn) send(method string, params any, isRequest bool) {
	msg := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
	if isRequest {
		c.id++
		msg["id"] = c.id
	}
	b, _ := json.Marshal(msg)
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
}

func (c *lspConn) reply(id json.RawMessage, result any) {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(b), b)
}

type lspMsg struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

func (c *lspConn) read() (lspMsg, error) {
	n := 0
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return lspMsg{}, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			n, _ = strconv.Atoi(v)
		}
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(c.r, b); err != nil {
		return lspMsg{}, err
	}
	var m lspMsg
	err := json.Unmarshal(b, &m)
	return m, err
}

// TestInitSchemaOffline (issue 11 item 14): gen init writes a relative
// $schema and the schema file next to the data; the YAML language server
// (npm yaml-language-server, as editors run it) loads it offline and
// reports a wrong year and an unknown key with the schema's messages.
func TestInitSchemaOffline(t *testing.T) {
	yls := testkit.Path(t, "yaml-language-server")
	dir := t.TempDir()
	data := filepath.Join(dir, "民政局.yaml")
	if code, out := capture(t, "init", "--agency", "民政局", "--year", "2024", "-o", data); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, out)
	}
	src, _ := os.ReadFile(data)
	if !strings.HasPrefix(string(src), "# yaml-language-server: $schema=report.schema.json\n") {
		t.Fatalf("first line: %q", strings.SplitN(string(src), "\n", 2)[0])
	}
	if _, err := os.Stat(filepath.Join(dir, SchemaFile)); err != nil {
		t.Fatal(err)
	}
	// The starter itself is valid for gen.
	if code, out := capture(t, "check", data); code != 0 {
		t.Fatalf("check of the starter: exit %d\n%s", code, out)
	}
	text := strings.Replace(string(src), "year: 2024", "year: 二〇二四\nheding: 多余", 1)
	yearLine := 0
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "year:") {
			yearLine = i
		}
	}
	cmd := exec.Command(yls, "--stdio")
	cmd.Dir = dir
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() }()
	c := &lspConn{w: stdin, r: bufio.NewReader(stdout)}
	root := (&url.URL{Scheme: "file", Path: dir}).String()
	uri := (&url.URL{Scheme: "file", Path: data}).String()
	settings := map[string]any{"yaml": map[string]any{"validate": true, "schemaStore": map[string]any{"enable": false}}}
	c.send("initialize", map[string]any{"processId": os.Getpid(), "rootUri": root, "capabilities": map[string]any{
		"workspace":    map[string]any{"configuration": true},
		"textDocument": map[string]any{"publishDiagnostics": map[string]any{}},
	}, "initializationOptions": settings}, true)
	type diagnostic struct {
		Message string `json:"message"`
		Range   struct {
			Start struct{ Line, Character int } `json:"start"`
		} `json:"range"`
	}
	deadline := time.After(60 * time.Second)
	msgs := make(chan lspMsg)
	go func() {
		for {
			m, err := c.read()
			if err != nil {
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	opened := false
	for {
		select {
		case <-deadline:
			t.Fatal("no diagnostics from yaml-language-server within 60 s")
		case m, ok := <-msgs:
			if !ok {
				t.Fatal("yaml-language-server ended")
			}
			switch {
			case m.Method == "" && string(m.ID) == "1" && !opened:
				c.send("initialized", map[string]any{}, false)
				c.send("workspace/didChangeConfiguration", map[string]any{"settings": settings}, false)
				c.send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": text}}, false)
				opened = true
			case m.Method == "workspace/configuration":
				var p struct{ Items []any }
				json.Unmarshal(m.Params, &p)
				res := make([]any, len(p.Items))
				for i := range res {
					res[i] = settings["yaml"]
				}
				c.reply(m.ID, res)
			case len(m.ID) > 0 && m.Method != "":
				c.reply(m.ID, nil) // other requests (registerCapability …)
			case m.Method == "textDocument/publishDiagnostics":
				var p struct {
					URI         string       `json:"uri"`
					Diagnostics []diagnostic `json:"diagnostics"`
				}
				json.Unmarshal(m.Params, &p)
				if len(p.Diagnostics) == 0 {
					continue
				}
				var all []string
				year, heding := false, false
				for _, d := range p.Diagnostics {
					all = append(all, fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, d.Message))
					year = year || d.Range.Start.Line == yearLine && strings.Contains(d.Message, "integer")
					heding = heding || strings.Contains(d.Message, "heding")
				}
				if !year || !heding {
					t.Fatalf("diagnostics do not come from the schema:\n%s", strings.Join(all, "\n"))
				}
				t.Logf("yaml-language-server: %s", strings.Join(all, " | "))
				return
			}
		}
	}
}
