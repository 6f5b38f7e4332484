package docx

import (
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"github.com/gongwen/gen/generator/tmpl"
)

// deniedFuncs are sprig functions removed from the template function map:
// they read the environment, files, the network, the clock or randomness,
// which a template from elsewhere must not reach and which would make the
// output differ from run to run.
var deniedFuncs = []string{
	"env", "expandenv", "getHostByName",
	"now", "ago", "date", "date_in_zone", "dateInZone", "htmlDate", "htmlDateInZone",
	"toDate", "mustToDate", // parse in the machine's time zone (TZ)
	"randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randInt", "randBytes", "shuffle", "uuidv4",
	"genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
	"genSignedCert", "genSignedCertWithKey", "buildCustomCert",
	"bcrypt", "htpasswd", "encryptAES", "decryptAES", "derivePassword",
}

// FuncMap returns the functions part templates may call: sprig's text
// functions without those in deniedFuncs, plus xml, which escapes text for
// element content and attribute values.
func FuncMap() template.FuncMap {
	m := sprig.TxtFuncMap()
	for _, name := range deniedFuncs {
		delete(m, name)
	}
	m["xml"] = escapeXML
	return tmpl.Guard(m) // bounded repeat, until … (see tmpl.Bound, tmpl.Execute)
}

// escapeXML escapes & < > " ' and drops characters XML 1.0 does not allow.
func escapeXML(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case nil:
		return ""
	default:
		s = fmt.Sprint(x)
	}
	clean := true
	for _, r := range s {
		if r == '&' || r == '<' || r == '>' || r == '"' || r == '\'' || !xmlChar(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			if xmlChar(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
