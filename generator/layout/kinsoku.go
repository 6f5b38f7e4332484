package layout

// Punctuation classes for 避头尾 (GBT9704.md, line-breaking rules). The
// DOCX writer hands the same lists to Word, WPS and LibreOffice
// (w:noLineBreaksBefore and w:noLineBreaksAfter), so that every engine
// applies the rules to the same characters.
const (
	// ClosingPunct may not begin a line. Besides the closing marks it
	// holds the signs that belong to the number or word before them: a
	// line never starts with - / + % ‰ ℃ (xx%-xx%, x/月, 互联网+).
	ClosingPunct = "，。、；：？！）】》」』”’…—%％‰℃·～〕〉﹚,.;:?!)]}/+-~"
	// OpeningPunct may not end a line.
	OpeningPunct = "（【《「『“‘〔〈﹙([{"
)

// IsClosing reports whether r may not begin a line.
func IsClosing(r rune) bool { return closingSet.has(r) }

// IsOpening reports whether r may not end a line.
func IsOpening(r rune) bool { return openingSet.has(r) }

// numberPrefix holds signs that belong to the number after them.
const numberPrefix = "-+−－＋±￥¥$#№"

// unitAfter holds the units and counters that stay with the number before
// them (2023年, 1-11月, 30万元, 5个): a line does not break between them.
const unitAfter = "年月日时分秒元角万亿千百个件项次人户家名所台辆套吨米克亩倍岁天周期批座场份类条部"

// isAlnum reports whether r belongs to a digit or Latin run that must not be
// split (2023, PPP, xx, 10.5%).
func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= '０' && r <= '９' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// isDigit reports whether r is an ASCII or full-width digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// isNum reports whether r is a digit or the placeholder x that stands for
// one in drafts (xx个, x/月).
func isNum(r rune) bool { return isDigit(r) || r == 'x' || r == 'X' || r == 'ｘ' }

// numEnd reports whether r may end a number: an alphanumeric or a unit sign
// written after it (%, ‰, ℃).
func numEnd(r rune) bool { return isAlnum(r) || r == '%' || r == '％' || r == '‰' || r == '℃' }

// isJoiner reports whether r joins two alphanumerics into one run (10.5,
// x-x, 1/2, 12:30, 1,000, 3·5, 5~10).
func isJoiner(r rune) bool { return joinerSet.has(r) }

// joiners join two alphanumerics into one run.
const joiners = ".-/:,_'·~～－"

// noBreakAfter are the signs a line never ends with before a word (x/月,
// 党建+信访, 线上-线下).
const noBreakAfter = "/／+＋-"

// canBreakBefore reports whether a line may break between rs[i-1] and rs[i].
func canBreakBefore(rs []rune, i int) bool { return breakAllowed(rs, i) && !unitBond(rs, i) }

// softBreak reports whether a break between rs[i-1] and rs[i] is ruled out
// only by the bond of a number and the unit after it (30 / 万元, 1-11 / 月):
// the paragraph breaker (breakBest) takes it, at a cost, where keeping them
// together would leave a line visibly loose (≥ 1.5 characters of slack
// spread out), which reads worse. Never inside a unit (亿 / 元), never
// where another rule forbids the break.
func softBreak(rs []rune, i int) bool {
	return i > 0 && i < len(rs) && isNum(rs[i-1]) && unitSet.has(rs[i]) && breakAllowed(rs, i)
}

// unitBond reports whether rs[i] is a unit that stays with the number
// before it (2023年, 1-11月, xx个, 30万元).
func unitBond(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return false
	}
	a, b := rs[i-1], rs[i]
	return unitSet.has(b) && (isNum(a) || i >= 2 && isNum(rs[i-2]) && unitSet.has(a))
}

// breakAllowed reports whether 避头尾 and the number rules other than the
// unit bond allow a break between rs[i-1] and rs[i].
func breakAllowed(rs []rune, i int) bool {
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
	if isAlnum(b) && prefixSet.has(a) {
		return false
	}
	// 10.5, x-x, xx%-xx%: no break after a joiner that follows a number
	// (the break before it is ruled out above); x/月, 元/吨, 党建+信访,
	// 线上-线下: none after a slash, plus or hyphen.
	if isJoiner(a) && i >= 2 && numEnd(rs[i-2]) || noBreakAfterSet.has(a) {
		return false
	}
	return true
}
