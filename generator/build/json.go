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

// Fill records what RunVolume did (res) and how it ended (err) in the
// summary, with messages in lang: the reports in volume order with their
// first printed page, the files left out with their diagnostics, the
// volume's warnings, the outputs and, when err is not nil, the error with
// its stable code.
func (s *VolumeSummary) Fill(res VolumeResult, err error, lang string) {
	if v := res.Volume; v != nil {
		s.Title = v.FullTitle()
	}
	for _, p := range res.Problems {
		s.LeftOut = append(s.LeftOut, p.Path)
		s.Diagnostics = append(s.Diagnostics, p.Diags.Records(lang)...)
	}
	if b := res.Book; b != nil {
		s.Pages = len(b.Doc.Pages)
		for _, p := range b.Parts {
			s.Reports = append(s.Reports, VolumeEntry{Input: p.Path, Agency: p.Report.Agency.Value, Title: p.Title, FirstPage: p.FirstPage})
		}
		s.Diagnostics = append(s.Diagnostics, b.Warnings.Records(lang)...)
	}
	if err != nil {
		s.Error, s.ErrorCode = ErrorText(err, lang)
		return
	}
	s.Outputs = append(s.Outputs, res.Outputs...)
}
