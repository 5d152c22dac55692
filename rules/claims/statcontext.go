package claims

import (
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// aboutCompetitor reports whether the sentence text[ss:se] (its tokens:
// toks[lo:hi]) is about a competitor: it names one listed under
// `competitors:`, or its subject (the first three words of the sentence or
// of the clause holding pos) is a capitalised product-like name that is
// not ours (not a word of a glossary term). fw are the folded tokens.
func aboutCompetitor(c *compiled, text string, toks []match.Token, fw *lint.Words, lo, hi, ss, pos int) bool {
	if namesCompetitor(c, text, toks, fw, lo, hi) {
		return true
	}
	// subject positions: the sentence's first 3 tokens, and the first 3
	// tokens of the clause holding pos
	clause := ss
	for i := pos - 1; i > ss; i-- {
		// (a byte, so only the ASCII marks of ",;:(—–" can match)
		if c := text[i]; c == ',' || c == ';' || c == ':' || c == '(' {
			clause = i + 1
			break
		}
	}
	check := func(from int) bool {
		n := 0
		for i := lo; i < hi; i++ {
			t := toks[i]
			if int(t.Start) < from || int(t.Start) >= pos {
				continue
			}
			n++
			if n > 3 {
				break
			}
			if nameLike(text, t) && !c.ours[string(fw.Word(i))] && !commonCaps[string(fw.Word(i))] {
				return true
			}
		}
		return false
	}
	return check(ss) || (clause > ss && check(clause))
}

// nameLike reports a product-like token: capitalised (not merely because
// it starts a sentence) or CamelCase, and not all digits.
func nameLike(text string, t match.Token) bool {
	if t.Flags&match.FlagFirstUp == 0 || t.Flags&match.FlagPathLike != 0 {
		return false
	}
	w := text[t.Start:t.End]
	if t.Flags&match.FlagSentence == 0 {
		return !(len(w) <= 1)
	}
	// sentence-initial: only CamelCase ("HubSpot") counts
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// statesChange reports a sentence that states a change of figure: "from
// 100 hours to 50 hours", "was 5, now 20", "going forward, you'll get 20".
// The sentence is text[ss:se], its tokens toks[lo:hi].
func statesChange(text string, toks []match.Token, fw *lint.Words, lo, hi, ss, se int) bool {
	if hasChangePhrase(text[ss:se]) {
		return true
	}
	from, nums := -1, 0
	for i := lo; i < hi; i++ {
		t := toks[i]
		w := fw.Word(i)
		if changeWords[string(w)] {
			return true
		}
		if string(w) == "from" {
			from, nums = i, 0
		}
		if from >= 0 && t.Flags&match.FlagDigit != 0 {
			nums++
		}
		if from >= 0 && string(w) == "to" && nums >= 1 {
			return true
		}
	}
	return false
}

// changeByFirst lists the change phrases by their first byte.
var changeByFirst = func() (m [256][]string) {
	for _, ph := range changePhrase {
		m[ph[0]] = append(m[ph[0]], ph)
	}
	return m
}()

// hasChangePhrase reports whether the lower-cased sentence contains one of
// changePhrase (all lower-case ASCII).
func hasChangePhrase(sentence string) bool {
	for i := 0; i < len(sentence); i++ {
		if sentence[i] >= utf8.RuneSelf {
			// strings.ToLower may map a non-ASCII letter to an ASCII one
			l := strings.ToLower(sentence)
			for _, ph := range changePhrase {
				if strings.Contains(l, ph) {
					return true
				}
			}
			return false
		}
	}
	for i := 0; i < len(sentence); i++ {
		c := sentence[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		for _, ph := range changeByFirst[c] {
			if hasPrefixLowerASCII(sentence[i:], ph) {
				return true
			}
		}
	}
	return false
}

// hasPrefixLowerASCII reports whether the ASCII s, lower-cased, starts with
// the lower-case prefix.
func hasPrefixLowerASCII(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		c := s[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[j] {
			return false
		}
	}
	return true
}

// namesCompetitor reports whether the sentence with tokens toks[lo:hi]
// names a competitor listed under competitors: (whole words, any case).
// fw are the folded tokens (nil: folded here).
func namesCompetitor(c *compiled, text string, toks []match.Token, fw *lint.Words, lo, hi int) bool {
	for _, comp := range c.competitors {
		for k := lo; k+len(comp) <= hi; k++ {
			ok := true
			for j, w := range comp {
				i := k + j
				var same bool
				if fw != nil {
					same = string(fw.Word(i)) == w
				} else {
					same = match.Fold(text[toks[i].Start:toks[i].End]) == w
				}
				if !same {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}
