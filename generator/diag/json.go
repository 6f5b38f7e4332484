package diag

// Record is a diagnostic as scripts read it (gen --json, gen check
// --json): the position, the severity as "error" or "warning", the stable
// machine code (never translated; see Codes) and the message in the
// language of the run.
type Record struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Source   string `json:"source,omitempty"` // the line it points at
}

// Record returns d as a Record with its message in lang.
func (d Diagnostic) Record(lang string) Record {
	sev := "error"
	if d.Severity == Warning {
		sev = "warning"
	}
	return Record{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: sev, Code: d.Code, Message: d.Text(lang), Source: d.Src}
}

// Records returns the list as Records (never nil, so JSON shows []).
func (l List) Records(lang string) []Record {
	out := make([]Record, 0, len(l))
	for _, d := range l {
		out = append(out, d.Record(lang))
	}
	return out
}

// Codes lists every machine code of the catalogue, for documentation and
// for the test that keeps the README's list complete.
func Codes() []string {
	out := make([]string, 0, len(catalog))
	for c := range catalog {
		out = append(out, c)
	}
	return out
}
