package compile_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gen/internal/testkit"
)

// docxPart reads one part of a DOCX file.
func docxPart(b []byte, name string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", err
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return "", err
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			return string(data), err
		}
	}
	return "", fmt.Errorf("no part %s", name)
}

// needLO skips (or, with GEN_REQUIRE_TOOLS=1, fails) without LibreOffice
// and poppler.
func needLO(t *testing.T) {
	t.Helper()
	if _, _, err := testkit.Tools(); err != nil {
		testkit.Missing(t, fmt.Sprintf("LibreOffice check skipped: %v", err))
	}
}

// convertLO converts a DOCX with LibreOffice (the project's fonts under
// the official names) and returns the text of every page.
func convertLO(t *testing.T, b []byte) []string {
	t.Helper()
	b, err := testkit.CompensateOverflowPunct(b)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "volume.docx")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	conf, err := testkit.WriteFontConfig(dir, []string{"../../fonts"}, testkit.ProjectAliases, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	start := time.Now()
	if err := testkit.Convert(ctx, []string{in}, dir, dir, conf); err != nil {
		t.Fatal(err)
	}
	t.Logf("soffice converted the volume in %v", time.Since(start).Round(time.Millisecond))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "volume.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	if os.Getenv("GEN_KEEP_LO") != "" {
		keep := filepath.Join(os.TempDir(), "gen-volume-lo.pdf")
		data, _ := os.ReadFile(filepath.Join(dir, "volume.pdf"))
		os.WriteFile(keep, data, 0o644)
		t.Logf("kept %s", keep)
	}
	return pages
}
