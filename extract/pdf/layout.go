package pdf

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLayout turns positioned glyphs (in content-stream order) into lines.
// A new line starts when the baseline moves by more than half the font
// size. Within a line a space is inserted where the gap between two glyphs
// is wider than a fifth of the font size and clearly wider (1.6x) than
// the narrower of its neighbouring gaps, so letter-spaced headings
// ("S U P P O R T") are not split into letters.
func pdfLayout(glyphs []pdfGlyph) []string {
	var lines []string
	var line []*pdfGlyph
	flush := func() {
		if s := pdfLine(line); s != "" {
			lines = append(lines, s)
		}
		line = line[:0]
	}
	for i := range glyphs {
		t := &glyphs[i]
		if t.s == "" || t.s == "\uFFFD" || (len(t.s) == 1 && t.s[0] < ' ') {
			continue // undecodable glyphs, control codes
		}
		if t.fs < 1 {
			t.fs = 10
		}
		if n := len(line); n > 0 && math.Abs(t.y-line[n-1].y) > 0.5*math.Max(t.fs, line[n-1].fs) {
			flush()
		}
		line = append(line, t)
	}
	flush()
	return lines
}

func pdfLine(line []*pdfGlyph) string {
	gaps := make([]float64, len(line)) // gaps[i]: before glyph i
	for i := 1; i < len(line); i++ {
		p, t := line[i-1], line[i]
		g := t.x - (p.x + p.w)
		if g < -2*math.Max(t.fs, p.fs) {
			g = math.Max(t.fs, p.fs) // moved back: a new column or text object
		}
		gaps[i] = g
	}
	var b strings.Builder
	space := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
			b.WriteByte(' ')
		}
	}
	for i, t := range line {
		if i > 0 {
			g := gaps[i]
			near := math.Inf(1)
			if i > 1 && strings.TrimSpace(line[i-1].s) != "" {
				near = math.Max(gaps[i-1], 0)
			}
			if i+1 < len(line) && strings.TrimSpace(t.s) != "" {
				near = math.Min(near, math.Max(gaps[i+1], 0))
			}
			if math.IsInf(near, 1) {
				near = 0
			}
			if g > 0.2*math.Min(t.fs, line[i-1].fs) && g > 1.6*near {
				space()
			}
		}
		if strings.TrimSpace(t.s) == "" {
			space()
			continue
		}
		b.WriteString(t.s)
	}
	return strings.TrimSpace(b.String())
}

// pdfJoinLines joins a page's lines with "\n", joining a word hyphenated
// at a line end when the next line starts with a lower-case letter. (It
// drops a hyphen by truncating its buffer: linear in the page's text.)
func pdfJoinLines(lines []string) string {
	var b []byte
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if i > 0 && len(b) > 0 {
			first, _ := utf8.DecodeRuneInString(l)
			last, size := utf8.DecodeLastRune(b)
			before, _ := utf8.DecodeLastRune(b[:len(b)-size])
			if (last == '-' || last == '\u00ad') && unicode.IsLetter(before) && unicode.IsLower(first) {
				b = b[:len(b)-size]
			} else if last == '\u00ad' {
				b = b[:len(b)-size]
			} else {
				b = append(b, '\n')
			}
		}
		b = append(b, l...)
	}
	return strings.ReplaceAll(string(b), "\u00ad", "")
}

const (
	pdfOK = iota
	pdfGlued
	pdfGarbled
)

// pdfQuality judges a page's text: garbled when under half of its
// non-space characters are letters, digits or common punctuation; glued
// when over a third of its letters sit in tokens longer than 25 runes.
func pdfQuality(text string) int {
	var good, total, letters, long int
	for _, f := range strings.Fields(text) {
		n := 0
		for _, r := range f {
			total++
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,;:!?'\"()-–—%$€£/&+*@#’‘“”…•·", r) {
				good++
			}
			if unicode.IsLetter(r) {
				letters++
				n++
			}
		}
		if utf8.RuneCountInString(f) > 25 && !strings.ContainsAny(f, "/.@_") {
			long += n
		}
	}
	switch {
	case total == 0:
		return pdfOK
	case good*2 < total:
		return pdfGarbled
	case letters > 0 && long*3 > letters:
		return pdfGlued
	}
	return pdfOK
}
