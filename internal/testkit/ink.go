package testkit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"strconv"
)

// Box is a rectangle in points from the top left of a page.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Ink renders part of a page of a PDF (1-based page, region in points) as
// a grey image at dpi and returns the bounding box of the pixels darker
// than mid grey, in points; ok is false when the region is blank. Tests
// use it to measure where printed marks (page-number dashes, the red head)
// really sit.
func Ink(pdf string, page int, region Box, dpi float64) (box Box, ok bool, err error) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return box, false, fmt.Errorf("pdftoppm (poppler): %w", ErrNoTool)
	}
	scale := dpi / 72
	x, y := int(math.Floor(region.X0*scale)), int(math.Floor(region.Y0*scale))
	w, h := int(math.Ceil((region.X1-region.X0)*scale)), int(math.Ceil((region.Y1-region.Y0)*scale))
	out, err := exec.Command(pdftoppm, "-gray", "-r", strconv.FormatFloat(dpi, 'f', -1, 64),
		"-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
		"-x", strconv.Itoa(x), "-y", strconv.Itoa(y), "-W", strconv.Itoa(w), "-H", strconv.Itoa(h), pdf).Output()
	if err != nil {
		return box, false, fmt.Errorf("pdftoppm %s: %w", pdf, err)
	}
	pw, ph, pix, err := readPGM(out)
	if err != nil {
		return box, false, err
	}
	minX, minY, maxX, maxY := pw, ph, -1, -1
	for r := 0; r < ph; r++ {
		for c := 0; c < pw; c++ {
			if pix[r*pw+c] < 128 {
				minX, maxX = min(minX, c), max(maxX, c)
				minY, maxY = min(minY, r), max(maxY, r)
			}
		}
	}
	if maxX < 0 {
		return box, false, nil
	}
	return Box{
		X0: float64(x+minX) / scale, Y0: float64(y+minY) / scale,
		X1: float64(x+maxX+1) / scale, Y1: float64(y+maxY+1) / scale,
	}, true, nil
}

// readPGM decodes a binary 8-bit PGM (P5) image.
func readPGM(data []byte) (w, h int, pix []byte, err error) {
	r := bufio.NewReader(bytes.NewReader(data))
	var magic string
	var maxv int
	if _, err = fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P5" || maxv != 255 {
		return 0, 0, nil, errors.New("pdftoppm: unexpected image format")
	}
	if _, err = r.ReadByte(); err != nil { // the single white space after the header
		return
	}
	pix = make([]byte, w*h)
	_, err = io.ReadFull(r, pix)
	return
}
