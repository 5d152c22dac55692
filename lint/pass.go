package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/msglint/msglint/content"
)

// Fix is a replacement for the matched text. Start and End are byte
// offsets in the source file, set by the driver only when the match maps
// exactly onto source bytes; otherwise they are -1 and the fix is advisory.
type Fix struct {
	Replacement string
	Start, End  int
	// Safety, when set (not FixNone), overrides the rule's declared fix
	// safety for this one fix: a FixSafe rule marks FixHeuristic a fix it
	// is less sure of here (a deprecated name in release notes), and
	// `msglint fix` then applies it only with --heuristic. Why says what
	// made it so, for the list of findings left.
	Safety FixSafety
	Why    string
}

// Site is a resolved place in a file.
type Site struct {
	Path    string
	Line    int
	Col     int
	EndLine int
	EndCol  int
	Loc     string // office/PDF location; Line is then 1
	Match   string // the matched text
	Context string // surrounding text (for baselines)
	// LineText is the source line at Line, for display: the driver fills
	// it after the run (FillSource) when the site's Need has NeedLine and
	// the output format shows lines; empty otherwise.
	LineText string
	// Need says what the driver fills from the file's source after the
	// run (source.go); zero once filled.
	Need SourceNeed
	// SrcStart and SrcEnd are the byte range in the source file; Exact
	// says the range holds exactly Match (so a fix may replace it).
	SrcStart, SrcEnd int
	Exact            bool
}

// Diagnostic is what a rule reports, as in go/analysis. A per-document
// diagnostic gives a span of a block's text; a Finish diagnostic (and one
// about a whole file or the config) gives an already resolved Site.
type Diagnostic struct {
	Block      int
	Start, End int // byte offsets in Doc.Blocks[Block].Text
	Site       *Site
	Message    string
	Fix        *Fix // Replacement only; the driver sets the offsets
	Related    []Site
	// Severity, when set, replaces the rule's severity for this finding
	// (a forbidden entry's own `severity:`); a rule turned off stays off.
	Severity Severity
}

// Finding is a Diagnostic after the driver has resolved its rule, severity
// and position and the policy has kept it: what reporters print.
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	Site
	Fix     *Fix
	Related []Site
}

// Pass is one rule's view of one document.
type Pass struct {
	Env  *Env
	Doc  *content.Document
	Rule *Rule

	shared   map[any]any // *Analysis[T] -> T
	running  Requirement // the analysis whose Run is computing, if any
	scratch  *docScratch
	tokens   *docTokens // Tokens' shared value, kept here to skip the map lookup per block
	words    []Words    // Words' shared value, likewise
	findings *[]Diagnostic
	facts    *[]exported
}

// Report records a finding.
func (p *Pass) Report(f Diagnostic) {
	p.Doc.Budget.Alloc(f.bytes()) // kept to the end of the run: the file's budget (content.Budget)
	*p.findings = append(*p.findings, f)
}

// bytes is what a span diagnostic costs until the end of the run: the
// Diagnostic, the Finding it becomes, its message, the matched text and
// the text around it (Site.Match and Context; up to 40 runes either side,
// charged as 80 bytes), its related sites and its fix.
func (d *Diagnostic) bytes() int {
	n := diagnosticBytes + findingBytes + len(d.Message)
	if span := d.End - d.Start; span > 0 {
		n += 2*span + 80
	}
	n += len(d.Related) * siteBytes
	if d.Fix != nil {
		n += fixBytes + len(d.Fix.Replacement) + len(d.Fix.Why)
	}
	return n
}

const (
	diagnosticBytes = int(unsafe.Sizeof(Diagnostic{}))
	findingBytes    = int(unsafe.Sizeof(Finding{}))
	siteBytes       = int(unsafe.Sizeof(Site{}))
	fixBytes        = int(unsafe.Sizeof(Fix{}))
)

// Reportf records a finding on a span of a block with a formatted message.
func (p *Pass) Reportf(block, start, end int, format string, args ...any) {
	p.Report(Diagnostic{Block: block, Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// Site resolves a span of a block to a Site while the document is at hand
// (facts keep Sites, not documents).
func (p *Pass) Site(block, start, end int) Site {
	return resolve(p.Doc, block, start, end)
}

// File is one input file as the driver saw it: its path and its format
// (the document's, else the one its name implies).
type File struct {
	Path, Format string
}

// CorpusPass is one rule's (or corpus analysis') view of the whole
// corpus, after every document.
type CorpusPass struct {
	Env  *Env
	Rule *Rule // nil for a corpus analysis
	// Files are every input file, in path order, read or not.
	Files []File

	facts    map[FactType][]DocFacts // the declared FactTypes only
	results  *Results
	findings *[]Diagnostic
}

// Report records a finding; f.Site must be set.
func (c *CorpusPass) Report(f Diagnostic) { *c.findings = append(*c.findings, f) }

// resolve maps a block span to a Site.
func resolve(d *content.Document, block, start, end int) Site {
	s := Site{Path: d.Path}
	if block < 0 || block >= len(d.Blocks) {
		s.Line = 1
		return s
	}
	b := &d.Blocks[block]
	if start < 0 {
		start = 0
	}
	if end > len(b.Text) {
		end = len(b.Text)
	}
	if start > end {
		start = end
	}
	s.Match = strings.Clone(b.Text[start:end]) // not a reference that keeps the block's text
	s.Context = context(b.Text, start, end)
	s.Loc = b.Loc
	if ss, se, ok := b.SrcRange(start, end); ok {
		s.Line, s.Col = d.LineCol(ss)
		s.EndLine, s.EndCol = d.LineCol(se)
		s.Need = siteLineNeed(d.LineLen(s.Line))
		s.SrcStart, s.SrcEnd, s.Exact = ss, se, b.Exact(start, end)
	} else {
		s.Line = 1
	}
	return s
}

// Rewrap returns repl for Text[start:end] of block, a match wrapped over
// lines in the source (content.Block.SoftBreaks), with its line breaks
// kept: each goes in place of the space of repl nearest its place in the
// match, so the paragraph keeps its shape. ok is false when the match does
// not map onto the source that way, or repl has too few spaces.
func Rewrap(d *content.Document, block, start, end int, repl string) (string, bool) {
	if d == nil || block < 0 || block >= len(d.Blocks) {
		return "", false
	}
	breaks, ok := d.Blocks[block].SoftBreaks(d.Src, start, end)
	if !ok {
		return "", false
	}
	var spaces []int
	for i := 0; i < len(repl); i++ {
		if repl[i] == ' ' {
			spaces = append(spaces, i)
		}
	}
	out := make([]byte, 0, len(repl)+len(breaks)*4)
	from, next := 0, 0 // next: the first space still free
	for k, br := range breaks {
		// the spaces left must be enough for the breaks left
		last := len(spaces) - (len(breaks) - k)
		if next > last {
			return "", false
		}
		want := (br.TextOff - start) * len(repl) / (end - start)
		best := next
		for j := next + 1; j <= last; j++ {
			if abs(spaces[j]-want) < abs(spaces[best]-want) {
				best = j
			}
		}
		out = append(out, repl[from:spaces[best]]...)
		out = append(out, br.Src...)
		from, next = spaces[best]+1, best+1
	}
	return string(append(out, repl[from:]...)), true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// MaxLineText is the longest source line, in bytes, a finding carries for
// display. A longer line (minified HTML, a paragraph without line breaks,
// hostile input) is shown by its context around the match instead, so that
// thousands of findings on one huge line cost neither quadratic memory nor
// quadratic output.
const MaxLineText = 4096

// Around is the text around text[start:end] that a Site's Context holds:
// up to 40 runes either side, on one line. A rule building a Site itself
// (from facts, in Finish) uses it as lint.Pass.Site does.
func Around(text string, start, end int) string { return context(text, start, end) }

// context returns up to 40 runes either side of the span, on one line.
func context(text string, start, end int) string {
	const n = 40
	a := start
	for i := 0; i < n && a > 0; i++ {
		_, w := utf8.DecodeLastRuneInString(text[:a])
		a -= w
	}
	b := end
	for i := 0; i < n && b < len(text); i++ {
		_, w := utf8.DecodeRuneInString(text[b:])
		b += w
	}
	out := make([]byte, 0, b-a)
	for _, r := range text[a:b] {
		switch r {
		case '\n', '\r', '\t', content.Barrier:
			r = ' '
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
