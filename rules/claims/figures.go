package claims

import (
	"strings"

	"github.com/msglint/msglint/match"
)

// FindQuantities returns the figures of a text in order. toks are the
// text's tokens (nil: tokenized here). Figures inside path-like tokens
// (code, URLs, identifiers, versions like v1.2) are skipped.
func FindQuantities(text string, toks []match.Token) []Quantity {
	if toks == nil {
		toks = match.Tokenize(text, nil)
	}
	var out []Quantity
	var buf []byte
	for ti := 0; ti < len(toks); ti++ {
		q, ok := quantityAt(text, toks, ti, &buf)
		if !ok {
			continue
		}
		out = append(out, q)
		for ti+1 < len(toks) && int(toks[ti+1].Start) < q.End {
			ti++
		}
	}
	return out
}

// quantityAt parses the figure that token ti starts, if any.
func quantityAt(text string, toks []match.Token, ti int, buf *[]byte) (Quantity, bool) {
	return quantityAtWord(text, toks, ti, nil, buf)
}

// quantityAtWord is quantityAt given the folded word of token ti (w; nil
// folds it into buf when needed).
func quantityAtWord(text string, toks []match.Token, ti int, w []byte, buf *[]byte) (Quantity, bool) {
	t := toks[ti]
	if t.Flags&match.FlagPathLike != 0 {
		return Quantity{}, false
	}
	pos := int(t.Start)
	c := text[pos]
	if isDigit(c) {
		// a currency sign right before
		if pos > 0 {
			for _, cp := range currencyPrefixes {
				j := pos
				if j > 0 && text[j-1] == ' ' && j > 1 {
					j-- // "$ 5"
				}
				if strings.HasSuffix(text[:j], cp.sign) {
					pos = j - len(cp.sign)
					break
				}
			}
		}
	} else {
		if t.End-t.Start > 9 || t.Flags&match.FlagDigit != 0 {
			return Quantity{}, false
		}
		if w == nil {
			*buf = match.AppendFolded((*buf)[:0], text[t.Start:t.End], t.Flags&match.FlagNonASCII != 0)
			w = *buf
		}
		if !isNumberWord(w) {
			return Quantity{}, false
		}
	}
	q, ok := scanAt(text, pos)
	if !ok || q.End <= int(t.Start) {
		return Quantity{}, false
	}
	return q, true
}

// mayStartFigure is a quick necessary test for a token (with its folded
// word w) to start a figure (quantityAtWord) or a ranking: it starts with a
// digit, or it is a number word. It is quantityAtWord's own first tests,
// done without a call for the many words that are neither.
func mayStartFigure(text string, t match.Token, w []byte) bool {
	return isDigit(text[t.Start]) || t.Flags&(match.FlagDigit|match.FlagPathLike) == 0 && t.End-t.Start <= 9 && isNumberWord(w)
}

// isNumberWord reports a folded word of numberWords or multiplierWords.
func isNumberWord(w []byte) bool {
	if len(w) < 3 || len(w) > 9 || !numberWordFilter.MayContain(w) {
		return false // every number and multiplier word has 3 to 9 letters
	}
	if _, ok := numberWords[string(w)]; ok {
		return true
	}
	_, ok := multiplierWords[string(w)]
	return ok
}
