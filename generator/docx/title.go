package docx

import (
	"math"
	"strings"
	"unicode"
)

// TitleLines breaks a title into balanced lines of at most maxChars
// characters (half-width characters count one half). It never breaks inside
// a run of digits or Latin letters, never starts a line with closing
// punctuation nor ends one with opening punctuation, prefers breaking after
// a conjunction (及 和 与 暨 的) or before 关于, and among the remaining
// choices takes the one with the most even lines, so the title forms a
// trapezoid or diamond rather than leaving an orphan. maxChars ≤ 0 means one
// line.
func TitleLines(title string, maxChars int) []string {
	rs := []rune(title)
	total := width(title)
	if maxChars <= 0 || total <= float64(maxChars) || len(rs) < 2 {
		return []string{title}
	}
	n := int(math.Ceil(total / float64(maxChars)))
	// prefix widths
	pre := make([]float64, len(rs)+1)
	for i, r := range rs {
		pre[i+1] = pre[i] + runeWidth(r)
	}
	ok := func(i int) bool { // a break before rs[i]
		if i <= 0 || i >= len(rs) {
			return false
		}
		a, b := rs[i-1], rs[i]
		if strings.ContainsRune(noLineStart, b) || strings.ContainsRune(noLineEnd, a) {
			return false
		}
		if isWordChar(a) && isWordChar(b) {
			return false
		}
		return true
	}
	bonus := func(i int) float64 {
		a, b := rs[i-1], rs[i]
		switch {
		case strings.ContainsRune("及和与暨的、", a):
			return 10
		case i+1 < len(rs) && string(rs[i:i+2]) == "关于":
			return 10
		case strings.ContainsRune("年局府委区县市", a):
			return 4
		case isWordChar(a) != isWordChar(b):
			return 2 // between a number or Latin word and Chinese
		}
		return 0
	}
	avg := total / float64(n)
	// dp[k][i]: best cost of breaking rs[:i] into k lines.
	inf := math.Inf(1)
	for lines := n; lines <= n+2 && lines <= len(rs); lines++ {
		dp := make([][]float64, lines+1)
		from := make([][]int, lines+1)
		for k := range dp {
			dp[k] = make([]float64, len(rs)+1)
			from[k] = make([]int, len(rs)+1)
			for i := range dp[k] {
				dp[k][i] = inf
			}
		}
		dp[0][0] = 0
		avg = total / float64(lines)
		for k := 1; k <= lines; k++ {
			for i := 1; i <= len(rs); i++ {
				if i < len(rs) && !ok(i) {
					continue
				}
				if k == lines && i != len(rs) {
					continue
				}
				for j := 0; j < i; j++ {
					if dp[k-1][j] == inf || (j > 0 && !ok(j)) {
						continue
					}
					w := pre[i] - pre[j]
					if w > float64(maxChars) {
						continue
					}
					d := w - avg
					// a slight preference for longer lines first (上长下短)
					c := dp[k-1][j] + d*d + 0.01*float64(k)*w
					if i < len(rs) {
						c -= bonus(i)
					}
					if c < dp[k][i] {
						dp[k][i], from[k][i] = c, j
					}
				}
			}
		}
		if dp[lines][len(rs)] == inf {
			continue
		}
		out := make([]string, lines)
		i := len(rs)
		for k := lines; k > 0; k-- {
			j := from[k][i]
			out[k-1] = string(rs[j:i])
			i = j
		}
		return out
	}
	return []string{title}
}

const (
	noLineStart = "，。、；：？！）】》」』”’…—%．,.;:?!)]}·～"
	noLineEnd   = "（【《「『“‘([{"
)

func isWordChar(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%' || r == '-')
}
