package markup

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// Markdown nesting bound.
//
// goldmark's work grows with the square of the nesting: a line of a
// million '>' (block quotes inside each other), or '- ' repeated (lists),
// never finishes, and links or emphasis nested a hundred thousand deep in
// one paragraph take minutes and hundreds of megabytes. Real content is
// never nested more than a few levels, so a linear pre-scan measures the
// nesting first, over-estimating rather than under; past
// Limits.MaxNestingDepth, or past a budget of parse work for the file's
// size, the file is checked as plain text instead (mdDegrade) with an
// input/degraded note, and goldmark never sees it.
//
// The scan counts, per line, the containers that open it: the markers ('>',
// and list markers "-", "+", "*", "1." or "1)" followed by white space or
// the line's end) and, when a marker follows it, the indentation (a nested
// list item is indented at least two columns per level); and, per
// paragraph (blank lines end one), the open brackets ('[' not yet closed
// by ']') and emphasis delimiters (a run of '*', '_' or '~' that can open
// counts its length, one that can only close takes its length off).
// Backslash escapes are skipped; code spans and fences are not (they are
// counted like text, which can only over-estimate).
//
// The work estimate is in units of about 13 ns of goldmark's time (as
// measured): a line opening d containers costs d², an indented line
// without a marker (indentation/2)², a lazy continuation line the depth it
// continues, a ']' five times the open nesting, an emphasis closer twenty
// times, an inline HTML tag mdHTMLTagWork (lines of HTML blocks are not
// read inline). The budget is mdWorkPerByte units a byte plus mdWorkBase, scaled
// by limit/256: real content uses a small fraction of it.

// mdWorkPerByte and mdWorkBase are the parse work budget (see above):
// under a second for a 4 MB file. mdHTMLTagWork is the cost of an inline
// HTML tag (goldmark matches each with regular expressions and makes a
// node of it; lines of HTML blocks are not parsed inline and not counted).
const (
	mdWorkPerByte = 8
	mdWorkBase    = 1 << 20
	mdHTMLTagWork = 50
)

func mdLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdHTMLBlockNames are the tag names that start an HTML block of
// CommonMark's kind 6 (and kind 1: script, pre, style, textarea).
var mdHTMLBlockNames = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`address article aside base basefont blockquote body caption center col colgroup
		dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head
		header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search
		section summary table tbody td tfoot th thead title tr track ul script pre style textarea`) {
		mdHTMLBlockNames[n] = true
	}
}

// mdHTMLBlockStart reports whether l (after the line's containers) starts
// an HTML block, roughly as CommonMark says: up to three spaces, then a
// comment, a processing instruction, a declaration, CDATA, a block-level
// tag (kinds 1 to 6), or a line that is one complete tag (kind 7, which
// cannot interrupt a paragraph).
func mdHTMLBlockStart(l []byte) (start, kind7 bool) {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	l = l[i:]
	if len(l) < 2 || l[0] != '<' {
		return false, false
	}
	if l[1] == '!' || l[1] == '?' {
		return true, false
	}
	j := 1
	if l[1] == '/' {
		j = 2
	}
	k := j
	for k < len(l) && (mdLetter(l[k]) || k > j && l[k] >= '0' && l[k] <= '9' || k > j && l[k] == '-') {
		k++
	}
	if k == j {
		return false, false
	}
	if mdHTMLBlockNames[strings.ToLower(string(l[j:k]))] {
		return true, false
	}
	// kind 7: the tag alone on the line
	t := bytes.TrimRight(l, " \t\r")
	if len(t) > 0 && t[len(t)-1] == '>' && bytes.IndexByte(t[1:], '<') < 0 {
		return true, true
	}
	return false, false
}

// mdTooDeep returns the offset in work (from start) of the line or the
// delimiter where the nesting first passes limit, or where the estimated
// parse work passes its budget (costly is then true); -1 when neither.
func mdTooDeep(work []byte, start, limit int) (at int, costly bool) {
	// The budget scales with the limit, so that raising the limit
	// raises it too (the default limit is 256).
	budget := (int64(mdWorkPerByte)*int64(len(work)-start)+mdWorkBase)*int64(limit)/256 + 1
	var units int64
	br, em := 0, 0  // open brackets and emphasis delimiters in this paragraph
	carried := 0    // container depth a lazy continuation line keeps open
	inHTML := false // in an HTML block (to the next blank line)
	inPara := false // in a paragraph (which a kind 7 HTML block cannot interrupt)
	for p := start; p < len(work); {
		line, next := lineAt(work, p)
		// containers at the start of the line
		depth, i, cols, indent := 0, 0, 0, 0
		for {
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				if line[i] == '\t' {
					cols += 4 - cols%4
				} else {
					cols++
				}
				i++
			}
			if depth == 0 {
				indent = cols
			}
			if i >= len(line) {
				break
			}
			if c := line[i]; c == '>' {
				i++
				cols++
			} else if n := mdListMarker(line[i:]); n > 0 {
				i += n
				cols += n
			} else {
				break
			}
			if depth++; depth+indent/2 > limit {
				return p + i - 1, false
			}
		}
		if isBlankLine(line) {
			br, em, carried, inHTML, inPara = 0, 0, 0, false, false
			p = next
			continue
		}
		if depth > 0 {
			d := int64(depth + indent/2)
			units += d * d
			carried = int(d)
		} else {
			units += int64(carried) + int64(indent/2)*int64(indent/2)
		}
		if !inHTML {
			if start, kind7 := mdHTMLBlockStart(line[i:]); start && (!kind7 || !inPara) {
				inHTML = true // up to the next blank line
			}
		}
		if inHTML {
			p = next
			continue // HTML blocks are not parsed inline
		}
		inPara = true
		for ; i < len(line); i++ {
			c := line[i]
			if !mdInlineMark[c] {
				continue // most bytes: one table read
			}
			switch c {
			case '<':
				if i+1 < len(line) && (mdLetter(line[i+1]) || line[i+1] == '/' || line[i+1] == '!' || line[i+1] == '?') {
					units += mdHTMLTagWork
				}
			case '\\':
				i++ // an escaped character opens nothing
			case '[':
				br++
			case ']':
				if br > 0 {
					units += 5 * int64(br+em)
					br--
				}
			case '*', '_', '~':
				j := i
				for j < len(line) && line[j] == c {
					j++
				}
				before, after := byte(' '), byte(' ')
				if i > 0 {
					before = line[i-1]
				}
				if j < len(line) {
					after = line[j]
				}
				switch {
				case !mdSpace(after) && (mdSpace(before) || mdPunct(before)):
					em += j - i // can open
				case !mdSpace(before) && em > 0:
					units += 20 * int64(br+em)
					em = max(em-(j-i), 0) // can close
				}
				i = j - 1
			default:
				continue
			}
			if br+em > limit {
				return p + i, false
			}
		}
		if units > budget {
			return p, true
		}
		p = next
	}
	return -1, false
}

// mdInlineMark marks the bytes mdTooDeep's inline scan looks at.
var mdInlineMark = [256]bool{'<': true, '\\': true, '[': true, ']': true, '*': true, '_': true, '~': true}

// mdListMarker returns the length of the list marker at the start of l
// (with the white space after it, when there is one), or 0.
func mdListMarker(l []byte) int {
	n := 0
	switch {
	case len(l) > 0 && (l[0] == '-' || l[0] == '+' || l[0] == '*'):
		n = 1
	default:
		for n < len(l) && n < 9 && l[n] >= '0' && l[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(l) || (l[n] != '.' && l[n] != ')') {
			return 0
		}
		n++
	}
	if n == len(l) {
		return n
	}
	if l[n] == ' ' || l[n] == '\t' {
		return n + 1
	}
	return 0
}

func mdSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func mdPunct(c byte) bool {
	return c < 0x80 && (c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~')
}

// mdDegrade makes doc a plain-text reading of work[start:] (paragraphs
// are runs of non-blank lines; the text is copied from Src) and notes why.
// Directives in HTML comments still count; a line holding only comments
// is blank.
func mdDegrade(doc *content.Document, work []byte, start, at, limit int, costly bool, budget *content.Budget) {
	msg := fmt.Sprintf("Markdown nested deeper than %d levels (block quotes, lists, links or emphasis "+
		"inside each other): checked as plain text (%s)", limit, shared.RaiseHint("max_nesting_depth", int64(limit)))
	if costly {
		msg = fmt.Sprintf("Markdown nested too deeply for its size (block quotes, lists, links or emphasis inside "+
			"each other, over many lines): its parse would take too long, checked as plain text (%s; "+
			"the parse budget grows with it)", shared.RaiseHint("max_nesting_depth", int64(limit)))
	}
	doc.Notes = append(doc.Notes, content.Note{Rule: content.RuleDegraded, Offset: at, Message: msg})
	for _, c := range htmlComments(doc, work, start, len(work)) {
		blank(work, c.s, c.e) // a comment alone on its lines is not text
	}
	plainParagraphs(doc, work, start, budget)
}

// plainParagraphs appends the paragraphs of lines[start:] to doc: runs of
// lines that are not blank (white space only), each line trimmed, line
// breaks a synthetic space. lines has Src's length (it is Src, or a copy
// with parts blanked); the text is copied from Src, every byte mapping
// exactly (invalid UTF-8 becomes U+FFFD with atomic Segs).
//
// The file's budget is charged before each line is appended (its bytes
// and a Seg, in the builder, reused paragraph after paragraph: the
// longest paragraph is what it holds) and before each block is made.
func plainParagraphs(doc *content.Document, lines []byte, start int, budget *content.Budget) {
	b := &builder{src: doc.Src}
	para, hw := 0, 0 // the paragraph's charge in the builder, and the longest's
	flush := func() {
		charge := blockBytes + len(b.text) + len(b.segs)*segBytes
		budget.Alloc(charge)
		if t, segs, ok := b.finish(); ok {
			doc.Blocks = append(doc.Blocks, content.Block{Scope: content.ScopeParagraph, Text: t, Segs: segs})
		} else {
			budget.Free(charge)
		}
		if para > hw {
			budget.Free(hw)
			hw = para
		} else {
			budget.Free(para)
		}
		para = 0
		b.reset()
	}
	for p := start; p < len(lines); {
		line, next := lineAt(lines, p)
		s, e := 0, len(line)
		for s < e && isSpaceByte(line[s]) {
			s++
		}
		for e > s && isSpaceByte(line[e-1]) {
			e--
		}
		if s == e {
			flush()
		} else {
			n := 1 + (e - s) + segBytes
			budget.Alloc(n)
			para += n
			b.space()
			b.exact(p+s, p+e)
		}
		p = next
	}
	flush()
	budget.Free(hw)
}
