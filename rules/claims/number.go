package claims

import (
	"github.com/msglint/msglint/match"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit is what a number measures.
type Unit uint8

// Units. Values of different units never compare equal.
const (
	Count      Unit = iota // a plain number: 10,000 customers, 40 hours
	Percent                // 38%, 38 percent, 38 per cent
	Multiplier             // 3x, 3×, 3 times, twice
	Money                  // $1.2M, €360M (Number.Currency says which)
)

func (u Unit) String() string {
	switch u {
	case Percent:
		return "percent"
	case Multiplier:
		return "multiplier"
	case Money:
		return "money"
	}
	return "count"
}

// Number is a parsed figure: a value with its unit.
type Number struct {
	Value    float64
	Unit     Unit
	Currency string // ISO code for Money: USD, EUR, GBP, JPY, INR
	Plus     bool   // "10K+", "10,000+": at least
	Scaled   bool   // written with a k/M/B suffix or a scale word
	Spelled  bool   // written in words: "three", "twice"
}

// Equal reports whether two numbers state the same figure: the same unit
// (and currency) and the same value.
func (n Number) Equal(m Number) bool {
	return n.Unit == m.Unit && n.Currency == m.Currency && sameValue(n.Value, m.Value)
}

func sameValue(a, b float64) bool {
	d := math.Abs(a - b)
	return d <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// String formats a number the plain way: 38%, 3x, $1,200,000, 10,000.
func (n Number) String() string {
	v := formatValue(n.Value)
	switch n.Unit {
	case Percent:
		return v + "%"
	case Multiplier:
		return v + "x"
	case Money:
		if s, ok := currencySign[n.Currency]; ok {
			return s + v
		}
		return v + " " + n.Currency
	}
	if n.Plus {
		v += "+"
	}
	return v
}

var currencySign = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

func formatValue(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		s := strconv.FormatInt(int64(f), 10)
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		if len(s) > 4 {
			var b strings.Builder
			for i, c := range s {
				if i > 0 && (len(s)-i)%3 == 0 {
					b.WriteByte(',')
				}
				b.WriteRune(c)
			}
			s = b.String()
		}
		if neg {
			s = "-" + s
		}
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// spelled numbers up to twenty (and a few round ones).
var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
	"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}

// numberWordFilter is a quick test in front of numberWords and
// multiplierWords (most words are neither).
var numberWordFilter = func() *match.WordFilter {
	f := &match.WordFilter{}
	for w := range numberWords {
		f.Add(w)
	}
	for w := range multiplierWords {
		f.Add(w)
	}
	return f
}()

// multiplierWords are whole-word multipliers.
var multiplierWords = map[string]float64{"twice": 2, "thrice": 3}

var scaleWords = map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

// ParseNumber parses s as one figure in any of the forms users write:
// 38%, 38 %, 38 percent, 38 per cent; 3x, 3×, 3 times, three times, twice;
// 10,000, 10000, 10k, 10K+; $1.2M, $1,200,000, €360M, 360 €; decimals with
// "." or "," where unambiguous; spelled-out numbers up to twenty. It
// reports false unless all of s (trimmed) is one figure.
func ParseNumber(s string) (Number, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Number{}, false
	}
	q, ok := scanAt(s, 0)
	if !ok || q.Start != 0 || strings.TrimSpace(s[q.End:]) != "" {
		return Number{}, false
	}
	return q.Num, true
}

// Quantity is a figure found in a text.
type Quantity struct {
	Start, End int // byte offsets of the whole figure (currency sign and unit included)
	Num        Number
	// UnitWord is an attached or following unit noun, folded: "ms" in
	// "200ms", "hours" in "40 hours" (filled in by the caller's context scan
	// for detached words; attached letters are filled in here).
	UnitWord string
}

// isDigit reports an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordRuneAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func wordRuneBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// currency signs that precede a figure.
var currencyPrefixes = []struct{ sign, code string }{
	{"US$", "USD"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}, {"₹", "INR"},
}

var currencyCodes = map[string]string{"usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "inr": "INR", "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP"}

// skipSpaces skips ASCII and no-break spaces (at most one run).
func skipSpaces(s string, i int) int {
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' {
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "\u00a0") || strings.HasPrefix(s[i:], "\u202f") || strings.HasPrefix(s[i:], "\u2009") {
			i += 2
			if s[i-2] == 0xe2 {
				i++
			}
			continue
		}
		break
	}
	return i
}

// wordAt returns the folded ASCII-letter word starting at i and its end.
func wordAt(s string, i int) (string, int) {
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j == i || isWordRuneAt(s, j) {
		return "", i
	}
	return strings.ToLower(s[i:j]), j
}

// scanAt parses a figure starting at byte i of s (at a digit, a currency
// sign before a digit, or a number word). ok is false when there is no
// figure there or it is not a quantity (a version, an ordinal, a code).
func scanAt(s string, i int) (q Quantity, ok bool) {
	if i < 0 || i >= len(s) {
		return q, false
	}
	start := i
	cur := ""
	for _, c := range currencyPrefixes {
		if strings.HasPrefix(s[i:], c.sign) {
			j := skipSpaces(s, i+len(c.sign))
			if j < len(s) && isDigit(s[j]) {
				cur, i = c.code, j
			}
			break
		}
	}
	if isDigit(s[i]) {
		if wordRuneBefore(s, start) || (start > 0 && (s[start-1] == '.' || s[start-1] == ',') && start > 1 && isDigit(s[start-2])) {
			return q, false
		}
		return scanDigits(s, start, i, cur)
	}
	if cur != "" {
		return q, false
	}
	// number words
	if wordRuneBefore(s, i) {
		return q, false
	}
	w, j := wordAt(s, i)
	if w == "" {
		return q, false
	}
	if m, ok := multiplierWords[w]; ok {
		return Quantity{Start: start, End: j, Num: Number{Value: m, Unit: Multiplier, Spelled: true}}, true
	}
	v, ok := numberWords[w]
	if !ok {
		return q, false
	}
	n := Number{Value: v, Spelled: true}
	end := j
	end = unitAfter(s, end, &n)
	return Quantity{Start: start, End: end, Num: n}, true
}

func scanDigits(s string, start, i int, cur string) (q Quantity, ok bool) {
	// groups of digits separated by ',' or '.'
	var groups []string
	var seps []byte
	j := i
	for {
		k := j
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		groups = append(groups, s[j:k])
		j = k
		if j+1 < len(s) && (s[j] == ',' || s[j] == '.') && isDigit(s[j+1]) {
			seps = append(seps, s[j])
			j++
			continue
		}
		break
	}
	v, good := groupValue(groups, seps)
	if !good {
		return q, false
	}
	n := Number{Value: v, Currency: cur}
	if cur != "" {
		n.Unit = Money
	}
	end := j
	// attached letters: k, K, M, B, bn, x, X, or a unit word (ms, GB); an
	// ordinal (1st, 2nd, 10th) or a code (2FA, 4G, 3D) is not a quantity.
	if end < len(s) && isWordRuneAt(s, end) {
		k := end
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
			k++
		}
		if k == end || isWordRuneAt(s, k) {
			return q, false // digits glued to something else: 3rd-party, 1.2.3a, x86
		}
		suf := s[end:k]
		switch suf {
		case "k", "K":
			n.Value *= 1e3
			n.Scaled = true
		case "M", "MM", "mm", "mn":
			n.Value *= 1e6
			n.Scaled = true
		case "m":
			if n.Unit != Money {
				q.UnitWord = "m"
				break
			}
			n.Value *= 1e6
			n.Scaled = true
		case "B", "bn", "BN", "b":
			if suf == "b" && n.Unit != Money {
				return q, false
			}
			n.Value *= 1e9
			n.Scaled = true
		case "x", "X":
			if n.Unit == Money {
				return q, false
			}
			n.Unit = Multiplier
		case "st", "nd", "rd", "th":
			return q, false
		default:
			lw := strings.ToLower(suf)
			if !unitWords[lw] {
				return q, false
			}
			q.UnitWord = lw
		}
		end = k
	}
	if end < len(s) && s[end] == '+' {
		n.Plus = true
		end++
	}
	if (n.Unit == Count || n.Unit == Money) && q.UnitWord == "" && !n.Scaled {
		// detached scale word: "1.2 million"
		if j2 := skipSpaces(s, end); j2 > end {
			if w, k := wordAt(s, j2); w != "" {
				if sc, ok := scaleWords[w]; ok {
					n.Value *= sc
					n.Scaled = true
					end = k
					if end < len(s) && s[end] == '+' {
						n.Plus = true
						end++
					}
				}
			}
		}
	}
	if n.Unit == Count && q.UnitWord == "" {
		end = unitAfter(s, end, &n)
	}
	q.Start, q.End, q.Num = start, end, n
	return q, true
}

// unitAfter reads a unit after a number: %, percent, per cent, ×, x (glued
// already handled), times, or a currency code/sign. It returns the new end.
func unitAfter(s string, end int, n *Number) int {
	j := skipSpaces(s, end)
	if j < len(s) {
		switch {
		case s[j] == '%':
			if j == end || !n.Spelled {
				n.Unit = Percent
				return j + 1
			}
		case strings.HasPrefix(s[j:], "×"):
			n.Unit = Multiplier
			return j + len("×")
		case strings.HasPrefix(s[j:], "€") && n.Unit == Count && !n.Spelled && j > end:
			n.Unit, n.Currency = Money, "EUR"
			return j + len("€")
		}
	}
	if j == end {
		return end
	}
	w, k := wordAt(s, j)
	switch w {
	case "percent", "pct":
		n.Unit = Percent
		return k
	case "per":
		k2 := skipSpaces(s, k)
		if w2, k3 := wordAt(s, k2); w2 == "cent" && k2 > k {
			n.Unit = Percent
			return k3
		}
	case "times":
		n.Unit = Multiplier
		return k
	}
	if c, ok := currencyCodes[w]; ok && !n.Spelled && (len(w) == 3 && strings.ToUpper(s[j:k]) == s[j:k] || len(w) > 3) {
		n.Unit, n.Currency = Money, c
		return k
	}
	return end
}

// unitWords may be glued to digits: 200ms, 5GB, 10min.
var unitWords = map[string]bool{
	"ms": true, "s": true, "sec": true, "secs": true, "min": true, "mins": true, "h": true, "hr": true, "hrs": true,
	"d": true, "gb": true, "mb": true, "tb": true, "kb": true, "pb": true, "gbps": true, "mbps": true,
	"ns": true, "us": true, "µs": true,
}

// groupValue interprets digit groups and their separators. "10,000" and
// "1,200,000" use thousands separators; "1.5" and "1,5" are decimals;
// "1,234.5" and "1.234,5" use both. A run like "1.2.3" (a version) is not
// a number.
func groupValue(groups []string, seps []byte) (float64, bool) {
	if len(seps) == 0 {
		return parseF(groups[0])
	}
	all3 := func(gs []string) bool {
		for _, g := range gs {
			if len(g) != 3 {
				return false
			}
		}
		return true
	}
	last := seps[len(seps)-1]
	same := true
	for _, c := range seps {
		if c != seps[0] {
			same = false
		}
	}
	if same {
		if len(seps) >= 2 {
			if len(groups[0]) > 3 || !all3(groups[1:]) {
				return 0, false
			}
			return parseF(strings.Join(groups, ""))
		}
		// one separator
		if last == ',' && len(groups[1]) == 3 && len(groups[0]) <= 3 && groups[0] != "0" {
			return parseF(groups[0] + groups[1])
		}
		return parseF(groups[0] + "." + groups[1])
	}
	// mixed: the last separator is the decimal mark, the others group thousands
	for _, c := range seps[:len(seps)-1] {
		if c == last {
			return 0, false
		}
	}
	if len(groups[0]) > 3 || !all3(groups[1:len(groups)-1]) {
		return 0, false
	}
	return parseF(strings.Join(groups[:len(groups)-1], "") + "." + groups[len(groups)-1])
}

func parseF(s string) (float64, bool) {
	if len(s) > 30 {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}
