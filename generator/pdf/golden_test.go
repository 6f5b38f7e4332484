package pdf

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"

	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/golden")

// goldenExamples are the reports whose first page is kept as a PNG: a plain
// report with a two-line title, and one with a table.
var goldenExamples = []string{"04-环卫局", "09-商务局"}

// TestGoldenPage1 renders page 1 at 60 dpi and compares it with the stored
// PNG, allowing a few anti-aliasing differences.
func TestGoldenPage1(t *testing.T) {
	ppm := tool(t, "pdftoppm")
	byName := map[string]*example{}
	for _, ex := range examples(t) {
		byName[ex.name] = ex
	}
	for _, name := range goldenExamples {
		ex := byName[name]
		if ex == nil {
			t.Errorf("example %s missing", name)
			continue
		}
		prefix := filepath.Join(t.TempDir(), "p")
		if msg, err := exec.Command(ppm, "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", ex.path, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, msg)
		}
		out, err := os.ReadFile(prefix + ".png")
		if err != nil || len(out) == 0 {
			t.Fatalf("pdftoppm wrote no PNG: %v", err)
		}
		golden := filepath.Join("testdata", "golden", name+"-p1.png")
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, out, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGoldenPage1 -update to create it)", err)
		}
		if n, total, err := pixelDiff(out, want, 48); err != nil {
			t.Errorf("%s: %v", name, err)
		} else if float64(n) > 0.002*float64(total) {
			t.Errorf("%s: %d of %d pixels differ from %s (regenerate with -update if intended)", name, n, total, golden)
		}
	}
}

// pixelDiff counts the pixels whose grey levels differ by more than tol.
func pixelDiff(a, b []byte, tol int) (n, total int, err error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, 0, err
	}
	if ia.Bounds() != ib.Bounds() {
		return 0, 0, errSize(ia.Bounds(), ib.Bounds())
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if d := grey(ia, x, y) - grey(ib, x, y); d > tol || d < -tol {
				n++
			}
		}
	}
	return n, r.Dx() * r.Dy(), nil
}

func grey(im image.Image, x, y int) int {
	r, g, b, _ := im.At(x, y).RGBA()
	return int((r*299 + g*587 + b*114) / 1000 >> 8)
}

type sizeErr struct{ a, b image.Rectangle }

func (e sizeErr) Error() string {
	return "image size " + e.a.String() + " differs from golden " + e.b.String()
}

func errSize(a, b image.Rectangle) error { return sizeErr{a, b} }
