package build

import "github.com/gongwen/gen/generator/diag"

// VolumeSummary is the JSON of gen --compile --json, for the volume path to
// fill and print (with the same conventions as Summary: Version is
// JSONVersion, messages in the run's language, stable codes).
type VolumeSummary struct {
	Version     int           `json:"version"`
	Title       string        `json:"title"`
	OutDir      string        `json:"out_dir"`
	Outputs     []string      `json:"outputs"` // paths written, [] if none
	Pages       int           `json:"pages,omitempty"`
	Reports     []VolumeEntry `json:"reports"`     // in volume order
	LeftOut     []string      `json:"left_out"`    // inputs left out (--keep-going)
	Diagnostics []diag.Record `json:"diagnostics"` // errors of files left out, warnings of the volume
	Error       string        `json:"error,omitempty"`
	ErrorCode   string        `json:"error_code,omitempty"`
}

// VolumeEntry is one report of a volume.
type VolumeEntry struct {
	Input     string `json:"input"`
	Agency    string `json:"agency"`
	Title     string `json:"title"`
	FirstPage int    `json:"first_page,omitempty"` // printed page number where it starts
}

// NewVolumeSummary returns an empty VolumeSummary with its version set and
// its lists non-nil (so that JSON shows []).
func NewVolumeSummary(outDir string) VolumeSummary {
	return VolumeSummary{Version: JSONVersion, OutDir: outDir, Outputs: []string{}, Reports: []VolumeEntry{}, LeftOut: []string{}, Diagnostics: []diag.Record{}}
}
