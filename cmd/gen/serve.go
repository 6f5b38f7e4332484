package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/gongwen/gen/generator/serve"
	"github.com/spf13/cobra"
)

func newServe() *cobra.Command {
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8800] [--open] [DIR]",
		Short: "在浏览器中填写报告并预览打印效果（a local web page: form and print preview）",
		Long: `gen serve 在本机启动一个网页：列出 DIR（默认当前文件夹）中的报告，用表单填写，右侧即时显示
将要打印的页面，检查提示与 gen check 相同；可保存、下载 PDF/DOCX、生成汇编。
只监听本机地址（127.0.0.1），只读写 DIR 中的文件。Ctrl-C 停止。
Serves a local page to fill in reports with a live print preview. Loopback only by default; only
files directly in DIR are read or written. Ctrl-C stops it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: runServe,
	}
	f := c.Flags()
	f.String("addr", "127.0.0.1:8800", "监听地址（address to listen on）")
	f.Bool("open", false, "启动后打开浏览器（open the system browser）")
	f.String("template", "gongwen", "单篇报告的模板（template of single reports）")
	f.Bool("embed-fonts", false, "在 DOCX 中嵌入本项目的免费字体（embed the free fonts in the DOCX）")
	f.Duration("render-timeout", 60*time.Second, "一次排版的时限（time limit of one render）")
	return c
}

func runServe(cmd *cobra.Command, args []string) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	if err := cfg.checkStamp(); err != nil {
		return err
	}
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	base := cfg.v.GetString("template")
	// newEnv reads the template from the configuration: set it per request
	// for the volume's template choice (cached by the server).
	var envMu sync.Mutex
	envFor := func(name string) (*serve.Env, error) {
		envMu.Lock()
		defer envMu.Unlock()
		if name == "" {
			name = base
		}
		cfg.v.Set("template", name)
		defer cfg.v.Set("template", base)
		e, err := newEnv(cfg)
		if err != nil {
			var ee *exitError
			if errors.As(err, &ee) && ee.err != nil {
				return nil, ee.err
			}
			return nil, err
		}
		return &serve.Env{Template: e.tpl, Fonts: e.fonts}, nil
	}
	// Fail now, not at the first request, when the template or fonts are bad.
	if _, err := envFor(""); err != nil {
		return usageErr(err)
	}
	timeout, _ := cmd.Flags().GetDuration("render-timeout")
	srv, err := serve.New(serve.Options{
		Dir:           dir,
		Env:           envFor,
		Limits:        cfg.limits(),
		RenderTimeout: timeout,
		EmbedFonts:    cfg.v.GetBool("embed_fonts"),
		Lang:          cfg.lang(),
		Starter: func(agency string, year int) ([]byte, error) {
			var b bytes.Buffer
			err := starter.Execute(&b, map[string]any{"Agency": agency, "Year": year, "Plan": year + 1})
			return b.Bytes(), err
		},
		Import: serve.Importer(cfg.limits()),
		Log:    log.New(os.Stderr, "gen serve: ", 0),
	})
	if err != nil {
		return usageErr(err)
	}
	defer srv.Close()
	addr, _ := cmd.Flags().GetString("addr")
	ln, err := srv.Listen(addr)
	if err != nil {
		return usageErr(fmt.Errorf("无法监听 %s（cannot listen）: %v", addr, err))
	}
	url := "http://" + ln.Addr().String() + "/"
	if !serve.IsLoopback(addr) {
		fmt.Fprintf(os.Stderr, "注意：%s 不只是本机地址，同一网络中的其他人也能打开（not loopback: others on the network can connect）\n", addr)
	}
	fmt.Printf("gen serve：请在浏览器中打开 %s （文件夹 %s；Ctrl-C 停止）\n", url, dir)
	fmt.Printf("脚本调用 API 时的令牌（X-Gen-Token for scripts）：%s\n", srv.Token())
	if open, _ := cmd.Flags().GetBool("open"); open {
		openBrowser(url)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Serve(ctx, ln); err != nil && ctx.Err() == nil {
		return inputErr(err)
	}
	fmt.Println("gen serve：已停止（stopped）")
	return nil
}

// openBrowser opens url in the system browser, best effort.
func openBrowser(url string) {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		c = exec.Command("open", url)
	default:
		c = exec.Command("xdg-open", url)
	}
	if err := c.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "无法打开浏览器，请手动打开 %s（cannot open a browser）: %v\n", url, err)
		return
	}
	go func() { _ = c.Wait() }()
}
