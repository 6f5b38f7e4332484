package serve

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
)

// apiError is the JSON body of every error answer:
// {"error": {"code": "…", "message": "…"}} plus optional details.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"-"`
	// Diagnostics of the loader, when the input is at fault.
	Diagnostics []diagJSON `json:"diagnostics,omitempty"`
	// Problems are files left out of a volume.
	Problems []problemJSON `json:"problems,omitempty"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// errorf makes an API error in the server's language.
func (s *Server) errorf(status int, code, zh, en string, a ...any) *apiError {
	msg := fmt.Sprintf(zh, a...)
	if s.opt.Lang == "en" {
		msg = fmt.Sprintf(en, a...)
	}
	return &apiError{Code: code, Message: msg, Status: status}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, e *apiError) {
	if e.Status == 0 {
		e.Status = http.StatusBadRequest
	}
	if e.Status >= 500 || e.Status == http.StatusForbidden {
		s.opt.Log.Printf("%s %s: %d %s", r.Method, r.URL.Path, e.Status, e.Error())
	}
	writeJSON(w, e.Status, map[string]any{"error": e})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := jsonBytes(v)
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"json"}}`, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func jsonBytes(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// guard wraps every handler: a panic answers 500 and leaves the server up;
// the Host must name the served address and an Origin, when sent, too (a
// web page elsewhere, or a DNS name rebound to 127.0.0.1, is refused);
// POST, PUT and DELETE need the token; bodies are limited to MaxBytes.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.opt.Log.Printf("panic in %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				s.fail(w, r, s.errorf(http.StatusInternalServerError, "internal",
					"服务器内部错误：%v。其他请求不受影响；请把这条消息报告给维护者",
					"internal error: %v; other requests are not affected; please report this", v))
			}
		}()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'")
		if !s.hostOK(r.Host) {
			s.fail(w, r, s.errorf(http.StatusForbidden, "bad-host",
				"拒绝请求：Host %q 不是本服务的地址；请用 gen serve 打印的地址打开",
				"refused: Host %q is not this server's address; open the address gen serve printed", r.Host))
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !s.originOK(o) {
			s.fail(w, r, s.errorf(http.StatusForbidden, "bad-origin",
				"拒绝请求：来源 %q 不是本服务的页面",
				"refused: Origin %q is not this server's page", o))
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead:
		case http.MethodPost, http.MethodPut, http.MethodDelete:
			tok := r.Header.Get("X-Gen-Token")
			if subtle.ConstantTimeCompare([]byte(tok), []byte(s.opt.Token)) != 1 {
				s.fail(w, r, s.errorf(http.StatusForbidden, "token",
					"拒绝请求：缺少或错误的令牌（X-Gen-Token）；页面自带令牌，脚本请用 gen serve 启动时打印的令牌",
					"refused: missing or wrong token (X-Gen-Token); the page carries it, scripts use the one gen serve printed"))
				return
			}
			if r.ContentLength > s.maxBody() {
				s.fail(w, r, s.tooLarge(r.ContentLength))
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, s.maxBody())
		default:
			s.fail(w, r, s.errorf(http.StatusMethodNotAllowed, "method", "不支持的请求方法 %s", "method %s not allowed", r.Method))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// maxBody is the largest request body: a data file of the CLI's max_bytes,
// plus room for the JSON around the form's data.
func (s *Server) maxBody() int64 { return s.opt.Limits.MaxBytes + 64<<10 }

func (s *Server) tooLarge(n int64) *apiError {
	return s.errorf(http.StatusRequestEntityTooLarge, "too-large",
		"请求太大（%d 字节），上限是 %d 字节（gen.yaml 的 limits.max_bytes）",
		"request too large (%d bytes); the limit is %d bytes (gen.yaml limits.max_bytes)", n, s.opt.Limits.MaxBytes)
}

// hostOK accepts the listening address, localhost with its port, and — when
// the server listens beyond loopback — IP literals with its port. Names
// other than localhost are refused: that is what DNS rebinding sends.
func (s *Server) hostOK(host string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.host) == 0 {
		return false
	}
	if s.host[host] {
		return true
	}
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		return false
	}
	for a := range s.host {
		ah, ap, _ := net.SplitHostPort(a)
		if ap == port && !IsLoopback(a) && net.ParseIP(ah) != nil && net.ParseIP(ah).IsUnspecified() && (net.ParseIP(h) != nil || h == "localhost") {
			return true
		}
	}
	return false
}

func (s *Server) originOK(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Path != "" && u.Path != "/" {
		return false
	}
	return s.hostOK(u.Host)
}
