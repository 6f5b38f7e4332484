package layout

import "strings"

// Punctuation classes for 避头尾 (GBT9704.md, line-breaking rules). The
// DOCX writer hands the same lists to Word, WPS and LibreOffice
// (w:noLineBreaksBefore and w:noLineBreaksAfter), so that every engine
// applies the rules to the same characters.
const (
	// ClosingPunct may not begin a line.
	ClosingPunct = "，。、；：？！）】》」』”’…—%％·～〕〉﹚,.;:?!)]}"
	// OpeningPunct may not end a line.
	OpeningPunct = "（【《「『“‘〔〈﹙([{"
)

// IsClosing reports whether r may not begin a line.
func IsClosing(r rune) bool { return strings.ContainsRune(ClosingPunct, r) }

// IsOpening reports whether r may not end a line.
func IsOpening(r rune) bool { return strings.ContainsRune(OpeningPunct, r) }

// numberPrefix holds signs that belong to the number after them.
const numberPrefix = "-+−－＋±￥¥$#№"

// isAlnum reports whether r belongs to a digit or Latin run that must not be
// split (2023, PPP, xx, 10.5%).
func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= '０' && r <= '９' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// isJoiner reports whether r joins two alphanumerics into one run (10.5,
// x-x, 1/2, 12:30, 1,000).
func isJoiner(r rune) bool { return strings.ContainsRune(".-/:,_'", r) }

// canBreakBefore reports whether a line may break between rs[i-1] and rs[i].
func canBreakBefore(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return true
	}
	a, b := rs[i-1], rs[i]
	if b == ' ' {
		return false // keep spaces at the end of the line they follow
	}
	if a == ' ' {
		return true
	}
	if IsClosing(b) || IsOpening(a) {
		return false
	}
	if isAlnum(a) && isAlnum(b) {
		return false
	}
	// A sign or currency symbol stays with its number (-12.5%, ￥30).
	if isAlnum(b) && strings.ContainsRune(numberPrefix, a) {
		return false
	}
	// 10.5 and x-x: no break on either side of a joiner between alphanumerics.
	if isJoiner(b) && isAlnum(a) && i+1 < len(rs) && isAlnum(rs[i+1]) {
		return false
	}
	if isJoiner(a) && isAlnum(b) && i >= 2 && isAlnum(rs[i-2]) {
		return false
	}
	return true
}
