package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
	ansiGreen  = "\x1b[32m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return code + s + ansiReset
}

func sevColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiRed
	case lint.Warning:
		return ansiYellow
	}
	return ansiBlue
}

// Text writes findings grouped by file, each as
// `path:line:col: severity: message [rule]` (office formats:
// `path: slide 4: severity: ...`), the source line with the match
// underlined, and a closing summary line (unless meta.NoSummary).
func Text(w io.Writer, res *driver.Result, meta *Meta) error {
	bw := bufio.NewWriter(w)
	p := painter(meta.Color)
	prev := ""
	for i := range res.Findings {
		d := &res.Findings[i]
		if prev != "" && d.Path != prev {
			bw.WriteString("\n")
		}
		prev = d.Path
		// Paths, messages and excerpts come from the content: their
		// control characters are escaped (safetext), colour or not, so
		// nothing in a file can drive the reader's terminal or a CI log.
		path := safetext.String(meta.show(d.Path))
		var where string
		switch {
		case d.Loc != "":
			where = fmt.Sprintf("%s: %s", path, safetext.String(d.Loc))
		case d.Col > 0:
			where = fmt.Sprintf("%s:%d:%d", path, d.Line, d.Col)
		default:
			where = fmt.Sprintf("%s:%d", path, d.Line)
		}
		// (no line of the output starts with "::", a GitHub workflow command)
		where = safetext.NoCommand(where)
		fmt.Fprintf(bw, "%s: %s: %s %s\n", p.paint(ansiBold, where),
			p.paint(sevColor(d.Severity), d.Severity.String()), safetext.String(oneLine(d.Message)), p.paint(ansiDim, "["+safetext.String(d.Rule)+"]"))
		writeExcerpt(bw, d, p)
		for _, r := range d.Related {
			fmt.Fprintf(bw, "    %s %s\n", p.paint(ansiDim, "also:"), relatedString(r, meta.show(r.Path)))
		}
	}
	if meta.NoSummary {
		return bw.Flush()
	}
	errs, warns, infos := res.Counts()
	if len(res.Findings) > 0 {
		bw.WriteString("\n")
	}
	summary := fmt.Sprintf("%s, %s, %s in %s", plural(errs, "error"), plural(warns, "warning"), plural(infos, "info"), plural(res.Files, "file"))
	if res.Skipped > 0 {
		summary += fmt.Sprintf(" (%d skipped)", res.Skipped)
	}
	if res.Partial {
		summary += " (partial run: corpus checks limited to the named files)"
	}
	if meta.ShowTime {
		summary += " (" + roundDuration(res.Duration) + ")"
	}
	switch {
	case errs > 0:
		summary = p.paint(ansiRed, summary)
	case warns > 0:
		summary = p.paint(ansiYellow, summary)
	default:
		summary = p.paint(ansiGreen, summary)
	}
	bw.WriteString(summary + "\n")
	return bw.Flush()
}

// relatedString shows a related site; path is its path as the format
// shows it.
func relatedString(r lint.Site, path string) string {
	s := safetext.String(path)
	switch {
	case r.Loc != "":
		s += ": " + safetext.String(r.Loc)
	case r.Line > 0 && r.Col > 0:
		s += fmt.Sprintf(":%d:%d", r.Line, r.Col)
	case r.Line > 0:
		s += fmt.Sprintf(":%d", r.Line)
	}
	if r.Match != "" {
		s += fmt.Sprintf(" (%q)", r.Match)
	}
	return s
}

// writeExcerpt prints the source line (or, for office formats, the text
// around the match) with carets under the match.
func writeExcerpt(w *bufio.Writer, d *lint.Finding, p painter) {
	line, col, width := d.LineText, d.Col, 0
	if line == "" || col <= 0 {
		// office/PDF: show the context with the match underlined
		if d.Context == "" || d.Match == "" {
			return
		}
		line = d.Context
		i := strings.Index(line, strings.ReplaceAll(d.Match, "\n", " "))
		if i < 0 {
			return
		}
		col = len([]rune(line[:i])) + 1
		width = len([]rune(d.Match))
	} else {
		runes := []rune(line)
		if col-1 > len(runes) {
			return
		}
		if d.EndLine == d.Line && d.EndCol > col {
			width = d.EndCol - col
		} else {
			width = len(runes) - (col - 1)
		}
	}
	if width < 1 {
		width = 1
	}
	runes := []rune(line)
	// cellsOf is a rune's width as shown: an escaped control character
	// (see safetext) takes the width of its escape.
	cellsOf := func(r rune) int {
		switch e := safetext.Rune(r); {
		case len(e) > 1 && e[0] == '\\':
			return len(e)
		case wide(r):
			return 2
		}
		return 1
	}
	var pad strings.Builder
	for i := 0; i < col-1 && i < len(runes); i++ {
		if runes[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteString(strings.Repeat(" ", cellsOf(runes[i])))
		}
	}
	// the caret run covers the match's display width
	cells := 0
	for i := col - 1; i < col-1+width && i < len(runes); i++ {
		if i >= 0 {
			cells += cellsOf(runes[i])
		} else {
			cells++
		}
	}
	if cells < 1 {
		cells = 1
	}
	shown := safetext.String(line)
	if guarded := safetext.NoCommand(shown); guarded != shown {
		// a line starting with "::" shows its first ':' as \x3a
		shown = guarded
		if col > 1 {
			pad.WriteString("   ")
		} else {
			cells += 3
		}
	}
	fmt.Fprintf(w, "    %s\n    %s%s\n", shown, pad.String(), p.paint(sevColor(d.Severity), strings.Repeat("^", cells)))
}

// wide reports whether r takes two columns in a terminal (CJK, most emoji).
func wide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}
