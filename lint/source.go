package lint

import (
	"bytes"
	"strings"
)

// A finding keeps offsets into its file, not copies of its file's text:
// the source line a text format shows under it, and the surrounding text
// of a Finish rule's site (built from facts that keep offsets only), are
// taken from the file's source after the run, by the driver, for the
// findings that ask for them (Site.Need) and only when the output wants
// them. A run over a big corpus so keeps per finding a few small strings
// (message, match, context) and no line.

// SourceNeed says what of a Site the driver fills from its file's source
// after the run (FillSource).
type SourceNeed uint8

const (
	// NeedLine: LineText is the source line at Line (not longer than
	// MaxLineText), filled when the output format shows lines.
	NeedLine SourceNeed = 1 << iota
	// NeedContext: Context is the text around SrcStart:SrcEnd on its
	// source line (Around), always filled. Until then it holds Match.
	NeedContext
)

// NeedsSource reports whether the site still needs its file's source for
// what its Need names (with lines: LineText too, else Context only).
func (s *Site) NeedsSource(lines bool) bool {
	return s.Need&NeedContext != 0 || lines && s.Need&NeedLine != 0 && s.LineText == ""
}

// NeedsSource reports whether the finding's site or one of its related
// sites needs its file's source (Site.NeedsSource); related sites may be
// in other files.
func (f *Finding) NeedsSource(lines bool) bool {
	if f.Site.NeedsSource(lines) {
		return true
	}
	for i := range f.Related {
		if f.Related[i].NeedsSource(lines) {
			return true
		}
	}
	return false
}

// Source is one file's source bytes with its line index, for FillSource.
// Lines taken from it are copied once each, however many sites show them.
type Source struct {
	src   []byte
	lines []int // start offset of each line
	text  map[int]string
}

// NewSource indexes src's lines.
func NewSource(src []byte) *Source {
	s := &Source{src: src, lines: make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		s.lines = append(s.lines, i)
	}
	return s
}

// bounds returns line n's start and end offsets (end before its '\n').
func (s *Source) bounds(n int) (start, end int, ok bool) {
	if n < 1 || n > len(s.lines) {
		return 0, 0, false
	}
	start, end = s.lines[n-1], len(s.src)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	return start, end, true
}

// Line returns the text of 1-based line n without its line ending, as
// content.Document.LineText does ("" when there is no such line or it is
// longer than MaxLineText).
func (s *Source) Line(n int) string {
	if t, ok := s.text[n]; ok {
		return t
	}
	start, end, ok := s.bounds(n)
	if !ok || end-start > MaxLineText {
		return ""
	}
	t := strings.TrimRight(string(s.src[start:end]), "\r")
	if s.text == nil {
		s.text = map[int]string{}
	}
	s.text[n] = t
	return t
}

// FillSource fills what the site's Need names from its file's source src
// and clears Need: LineText (when lines), Context. A site that asks for
// nothing is left as it is.
func (s *Site) FillSource(src *Source, lines bool) {
	if s.Need == 0 {
		return
	}
	text := ""
	if lines && s.Need&NeedLine != 0 || s.Need&NeedContext != 0 {
		text = src.Line(s.Line)
	}
	if lines && s.Need&NeedLine != 0 && s.LineText == "" {
		s.LineText = text
	}
	if s.Need&NeedContext != 0 {
		if start, _, ok := src.bounds(s.Line); ok && text != "" {
			if a, b := s.SrcStart-start, s.SrcEnd-start; a >= 0 && a <= b && b <= len(text) {
				s.Context = Around(text, a, b)
			}
		}
	}
	s.Need = 0
}

// siteLineNeed is what a resolved site at a source line of lineLen bytes
// needs: NeedLine when the line is short enough to show.
func siteLineNeed(lineLen int) SourceNeed {
	if lineLen <= MaxLineText {
		return NeedLine
	}
	return 0
}
