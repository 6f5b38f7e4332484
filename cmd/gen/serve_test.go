package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gongwen/gen/generator/load"
)

// TestServeCommand runs `gen serve` as a process: it prints its address and
// token, answers the API with the CLI's own starter and importer, refuses a
// request without the token, and stops cleanly on Ctrl-C (SIGINT).
func TestServeCommand(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", dir)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	rd := bufio.NewReader(stdout)
	var url, token string
	for url == "" || token == "" {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("no address printed: %v\n%s", err, stderr.String())
		}
		if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line); m != "" {
			url = m
		}
		if m := regexp.MustCompile(`[0-9a-f]{32}`).FindString(line); m != "" {
			token = m
		}
	}
	post := func(path, tok string, body []byte) (int, string) {
		req, _ := http.NewRequest("POST", url+strings.TrimPrefix(path, "/"), bytes.NewReader(body))
		if tok != "" {
			req.Header.Set("X-Gen-Token", tok)
		}
		res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := post("/api/new", "", []byte(`{"agency":"民政局","year":2024}`)); code != 403 || !strings.Contains(body, `"token"`) {
		t.Fatalf("without token: %d %s", code, body)
	}
	code, body := post("/api/new", token, []byte(`{"agency":"民政局","year":2024}`))
	if code != 201 {
		t.Fatalf("new: %d %s", code, body)
	}
	starter, _ := os.ReadFile(filepath.Join(dir, "2024-民政局.yaml"))
	if !strings.Contains(string(starter), "gen check 本文件") {
		t.Fatalf("not gen init's starter:\n%s", starter)
	}
	if _, ds := load.ReadFile(filepath.Join(dir, "2024-民政局.yaml")); ds.HasErrors() {
		t.Fatal(ds.Format("zh"))
	}
	txt := []byte("统计局2023年工作总结\n一、工作成效\n全年完成统计调查12项。\n")
	if code, body := post("/api/import?name=统计局.txt", token, txt); code != 201 {
		t.Fatalf("import: %d %s", code, body)
	}
	res, err := http.Get(url + "api/reports")
	if err != nil {
		t.Fatal(err)
	}
	var list struct{ Reports []map[string]any }
	json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if len(list.Reports) != 2 {
		t.Fatalf("%d reports listed", len(list.Reports))
	}
	cmd.Process.Signal(syscall.SIGINT)
	rest, _ := io.ReadAll(rd)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after Ctrl-C: %v\n%s%s", err, rest, stderr.String())
	}
	if !strings.Contains(string(rest), "已停止") {
		t.Fatalf("no stop message: %s", rest)
	}
	// A folder that does not exist is a usage error.
	if out, err := exec.Command(bin, "serve", filepath.Join(dir, "none")).CombinedOutput(); err == nil || !strings.Contains(string(out), "不是文件夹") {
		t.Fatalf("missing folder: %v %s", err, out)
	}
}
