package layout

// runeSet is a set of BMP characters tested in constant time; the breaker
// asks for every character pair, where strings.ContainsRune over the
// punctuation lists was the largest cost of a layout.
type runeSet [1 << 16 / 64]uint64

func newRuneSet(chars string) *runeSet {
	s := new(runeSet)
	for _, r := range chars {
		if r < 1<<16 {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return s
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 1<<16 && s[r>>6]&(1<<(r&63)) != 0
}

var (
	closingSet      = newRuneSet(ClosingPunct)
	openingSet      = newRuneSet(OpeningPunct)
	squeezeRSet     = newRuneSet(CompressClosing)
	squeezeLSet     = newRuneSet(CompressOpening)
	unitSet         = newRuneSet(unitAfter)
	prefixSet       = newRuneSet(numberPrefix)
	joinerSet       = newRuneSet(joiners)
	noBreakAfterSet = newRuneSet(noBreakAfter)
)
