package build

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"syscall"

	"github.com/gongwen/gen/generator/diag"
)

// OutputError is a failure to write an output, explained for a clerk: what
// happened to which file and what to do, in Chinese and English, with a
// stable machine code (for --json).
type OutputError struct {
	Path   string
	Code   string // e.g. "disk-full", "file-in-use", "output-incomplete"
	ZH, EN string
	Err    error // the system's error, if any
}

func (e *OutputError) Error() string { return e.ZH }

// Text is the message in lang ("zh" or "en").
func (e *OutputError) Text(lang string) string {
	if lang == "en" {
		return e.EN
	}
	return e.ZH
}

func (e *OutputError) Unwrap() error { return e.Err }

// Windows error numbers (winerror.h) that mean a file is held open by
// another program, or that the disk is full.
const (
	winAccessDenied     = 5
	winSharingViolation = 32
	winLockViolation    = 33
	winHandleDiskFull   = 39
	winDiskFull         = 112
	winFilenameTooLong  = 206
)

// explainWriteErr turns a system error met while writing path into an
// OutputError naming the cause, for the system gen runs on. A
// cancellation and errors already explained pass through.
func explainWriteErr(path string, err error) error {
	return explainFor(runtime.GOOS, path, err)
}

// explainFor is explainWriteErr for the system goos (tests use it to check
// the Windows messages on Linux).
func explainFor(goos, path string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var oe *OutputError
	if errors.As(err, &oe) || errors.Is(err, ErrPanic) {
		return err
	}
	var no syscall.Errno
	errors.As(err, &no)
	code := ""
	if goos == "windows" {
		switch uintptr(no) {
		case winAccessDenied, winSharingViolation, winLockViolation:
			code = "file-in-use"
		case winDiskFull, winHandleDiskFull:
			code = "disk-full"
		case winFilenameTooLong:
			code = "name-too-long"
		}
	} else {
		switch {
		case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT):
			code = "disk-full"
		case errors.Is(err, syscall.ENAMETOOLONG):
			code = "name-too-long"
		case errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EROFS):
			code = "no-permission"
		}
	}
	e := &OutputError{Path: path, Code: code, Err: err}
	switch code {
	case "disk-full":
		e.ZH = fmt.Sprintf("无法写入 %s：磁盘已满（或超出文件大小限制），原有文件未改动：请腾出空间或用 --out 换一个文件夹后重试", path)
		e.EN = fmt.Sprintf("cannot write %s: the disk is full (or a file size limit was reached); the existing file is unchanged: free some space, or choose another folder with --out, and retry", path)
	case "file-in-use":
		e.ZH = fmt.Sprintf("无法写入 %s：文件正被其他程序（如 WPS、Word 或 PDF 阅读器）打开，或没有写入权限：请关闭该文件后重试", path)
		e.EN = fmt.Sprintf("cannot write %s: the file is open in another program (such as WPS, Word or a PDF reader), or you may not write there: close the file and retry", path)
	case "name-too-long":
		e.ZH = fmt.Sprintf("无法写入 %s：路径太长：请用 --out 选一个较短的文件夹，或缩短标题", path)
		e.EN = fmt.Sprintf("cannot write %s: the path is too long: choose a shorter folder with --out, or shorten the title", path)
	case "no-permission":
		e.ZH = fmt.Sprintf("无法写入 %s：没有写入权限（或文件夹只读）：请用 --out 换一个可写的文件夹", path)
		e.EN = fmt.Sprintf("cannot write %s: no permission to write there (or the folder is read-only): choose another folder with --out", path)
	default:
		e.Code = "write-failed"
		e.ZH = fmt.Sprintf("无法写入 %s：%v", path, err)
		e.EN = fmt.Sprintf("cannot write %s: %v", path, err)
	}
	return e
}

// ErrEmptyOut is the error for --out "" (or out: "" in gen.yaml).
var ErrEmptyOut = &OutputError{Code: "empty-out",
	ZH: "输出文件夹为空（--out \"\"）：请写一个文件夹，如 --out out；要写到当前文件夹请用 --out .",
	EN: "the output folder is empty (--out \"\"): name a folder, like --out out; for the current folder use --out ."}

// ErrorText is the message of err in lang and its stable machine code:
// an OutputError's own, a load error's first diagnostic code, or
// "internal" and "interrupted" for panics and cancellations.
func ErrorText(err error, lang string) (msg, code string) {
	var oe *OutputError
	var le diag.ListError
	switch {
	case errors.As(err, &oe):
		return oe.Text(lang), oe.Code
	case errors.As(err, &le):
		l := diag.List(le)
		return strings.TrimRight(l.Format(lang), "\n"), firstErrorCode(l)
	case errors.Is(err, ErrPanic):
		return err.Error(), "internal"
	case errors.Is(err, ErrVolumeProblems):
		if lang == "en" {
			return "volume not written: files of the volume have errors (see diagnostics; --keep-going leaves them out)", "volume-problems"
		}
		return "汇编未生成：有文件存在错误（见 diagnostics；--keep-going 可略过这些文件）", "volume-problems"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		if lang == "en" {
			return "interrupted", "interrupted"
		}
		return "已中断", "interrupted"
	}
	return err.Error(), "failed"
}

func firstErrorCode(l diag.List) string {
	for _, d := range l {
		if d.Severity == diag.Error {
			return d.Code
		}
	}
	return "invalid"
}
