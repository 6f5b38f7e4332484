package fonts

import (
	"bytes"
	"slices"
	"testing"
)

func TestNamesAndBytes(t *testing.T) {
	want := []string{"FandolFang-Regular.ttf", "FandolHei-Regular.ttf", "FandolKai-Regular.ttf",
		"NotoSerifSC-Bold.ttf", "NotoSerifSC-PageNum.ttf", "NotoSerifSC-Regular.ttf"}
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	for _, name := range Names() {
		data, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if b := Bytes(name); !bytes.Equal(b, data) || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("Bytes(%s) differs from FS or is not TrueType", name)
		}
	}
	if len(files) != len(want) || Bytes("LICENSE-Fandol-GPL-3.0.txt") != nil || Bytes("nope.ttf") != nil {
		t.Error("Bytes knows other files")
	}
	for _, lic := range []string{"LICENSE-Fandol-GPL-3.0.txt", "LICENSE-NotoCJK-OFL-1.1.txt", "README-Fandol.txt"} {
		if b, err := FS.ReadFile(lic); err != nil || len(b) < 500 {
			t.Errorf("%s: %v", lic, err)
		}
	}
}
