package testkit

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// RenderPage renders page (1-based) of the PDF at path as a colour image
// at dpi with pdftoppm; a missing pdftoppm skips or fails t (Path).
func RenderPage(t testing.TB, path string, page int, dpi float64) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	p := strconv.Itoa(page)
	if msg, err := exec.Command(Path(t, "pdftoppm"), "-png", "-r", strconv.FormatFloat(dpi, 'f', -1, 64), "-f", p, "-l", p, "-singlefile", path, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm %s: %v %s", path, err, msg)
	}
	fh, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Red tells a red pixel (the red head's mark and rule).
func Red(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r>>8 > 150 && g>>8 < 120 && b>>8 < 120
}

// Dark tells a pixel darker than mid grey (black ink).
func Dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r>>8+g>>8+b>>8)/3 < 128
}

// Rows scans the rows of img (rendered at dpi) between from and to, in
// points from the top of the page, and keeps those in which the share of
// pixels across x0..x1 that ink tells is more than 0 and within min..max
// (a rule across the text block: min 0.95; glyphs: max 0.5). It returns
// the top of the first and the bottom of the last such row, in points,
// and whether there is one.
func Rows(img image.Image, dpi, x0, x1, from, to, min, max float64, ink func(image.Image, int, int) bool) (y0, y1 float64, ok bool) {
	s := dpi / 72
	first, last := -1, -1
	for py := int(from * s); py <= int(to*s); py++ {
		n := 0
		for px := int(x0 * s); px < int(x1*s); px++ {
			if ink(img, px, py) {
				n++
			}
		}
		if f := float64(n) / ((x1 - x0) * s); n > 0 && f >= min && f <= max {
			if first < 0 {
				first = py
			}
			last = py
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	return float64(first) / s, float64(last+1) / s, true
}
