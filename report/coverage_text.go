package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/rules/coverage"
)

// textWidth is the width the text report fits in.
const textWidth = 80

// CoverageText writes the report for an 80-column terminal: gaps, the
// matrices, the assets with their evidence, and the alignment.
//
// Everything in it but the line breaks passes through safetext: paths,
// titles, team and stage names come from the content and the config, and
// their control characters are escaped.
func CoverageText(w io.Writer, c *coverage.Model) error {
	sw := safetext.NewWriter(w)
	defer sw.Flush()
	tw := &trimWriter{w: sw}
	bw := bufio.NewWriter(tw)
	defer tw.flush()
	fmt.Fprintf(bw, "msglint report: %s", count(len(c.Assets), "asset"))
	if c.Unknown > 0 {
		fmt.Fprintf(bw, " (%d of unknown stage)", c.Unknown)
	}
	fmt.Fprintf(bw, ", %s, coverage.min %d\n", count(len(c.Products), "product"), c.Min)
	if c.LowConfidence > 0 {
		fmt.Fprintf(bw, "%s below coverage.min_confidence %.2f (marked ~) count in no cell\n", count(c.LowConfidence, "asset"), c.MinConfidence)
	}

	fmt.Fprintf(bw, "\nGAPS (%d)\n", len(c.Gaps))
	if len(c.Gaps) == 0 {
		if len(c.Products) == 0 {
			fmt.Fprintln(bw, "  no product or feature terms in the glossary")
		} else {
			fmt.Fprintln(bw, "  none: every product x stage cell reaches coverage.min")
		}
	}
	for _, g := range c.Gaps {
		fmt.Fprintf(bw, "  %s %s %s (%s)\n", fit(g.Label, 30), fit(g.Stage, 14), g.Grade, count(g.Count, "asset"))
	}
	textMatrix(bw, "PRODUCT x STAGE", c, c.Products, true)
	textMatrix(bw, "AUDIENCE x STAGE", c, c.Audiences, false)
	textMatrix(bw, "OBJECTION x STAGE", c, c.Objections, false)

	fmt.Fprintf(bw, "\nASSETS (%d)\n", len(c.Assets))
	fmt.Fprintf(bw, "  %s %s %s %s %s\n", fit("path", 34), fit("stage", 13), fit("source", 11), fit("conf", 5), "team")
	for _, a := range c.Assets {
		team := a.Team
		if team == "" {
			team = "-"
		}
		mark := " "
		if a.Stage != "unknown" && !c.Counts(a) {
			mark = "~"
		}
		fmt.Fprintf(bw, "  %s %s %s %4.2f%s %s\n", fitLeft(a.Path, 34), fit(a.Stage, 13), fit(a.StageSource, 11), a.Confidence, mark, fitLeft(team, 80-2-34-13-11-5-4))
		var parts []string
		if a.Title != "" {
			parts = append(parts, fmt.Sprintf("%q", oneLine(a.Title)))
		}
		if len(a.Products) > 0 {
			parts = append(parts, "products: "+strings.Join(a.Products, ", "))
		}
		if len(a.Audiences) > 0 {
			parts = append(parts, "audiences: "+strings.Join(a.Audiences, ", "))
		}
		if len(a.Objections) > 0 {
			parts = append(parts, "objections: "+strings.Join(a.Objections, ", "))
		}
		if len(a.Evidence) > 0 {
			parts = append(parts, "why: "+strings.Join(a.Evidence, "; "))
		}
		for _, l := range wrap(strings.Join(parts, " · "), textWidth-6) {
			fmt.Fprintf(bw, "      %s\n", l)
		}
	}

	fmt.Fprintln(bw, "\nALIGNMENT")
	al := c.Alignment
	if len(al.Teams) == 0 {
		fmt.Fprintln(bw, "  no asset has a team: add `teams:` path rules or front matter `team:`")
		return bw.Flush()
	}
	for _, t := range al.Teams {
		if l := al.AudiencesOnly[t]; len(l) > 0 {
			for _, line := range wrap(fmt.Sprintf("audiences only %s targets: %s", t, strings.Join(l, ", ")), textWidth-2) {
				fmt.Fprintf(bw, "  %s\n", line)
			}
		}
	}
	if !nonEmpty(al.AudiencesOnly) {
		fmt.Fprintln(bw, "  every targeted audience is shared by the teams")
	}
	for _, p := range al.Products {
		if !nonEmpty(p.FormsOnly) && !nonEmpty(p.ClaimsOnly) {
			continue
		}
		fmt.Fprintf(bw, "  %s\n", oneLine(p.Label))
		for _, t := range al.Teams {
			for _, kv := range []struct {
				what string
				list []string
			}{{"names", p.FormsOnly[t]}, {"claims", p.ClaimsOnly[t]}} {
				if len(kv.list) == 0 {
					continue
				}
				for _, line := range wrap(fmt.Sprintf("%s only %s uses: %s", kv.what, t, strings.Join(quoteAll(kv.list), ", ")), textWidth-4) {
					fmt.Fprintf(bw, "    %s\n", line)
				}
			}
		}
	}
	if !c.ClaimsKnown {
		fmt.Fprintln(bw, "  (claim usage was not collected)")
	}
	return bw.Flush()
}

// textMatrix writes one matrix; cells below coverage.min carry a "!".
func textMatrix(w io.Writer, title string, c *coverage.Model, rows []coverage.Row, gaps bool) {
	if len(rows) == 0 {
		return
	}
	const labelW = 22
	colW := 14
	if n := len(c.Stages); n > 0 && 2+labelW+n*colW > textWidth {
		colW = max(4, (textWidth-2-labelW)/n)
	}
	fmt.Fprintf(w, "\n%s\n  %s", title, fit("", labelW))
	for _, s := range c.Stages {
		fmt.Fprintf(w, "%*s", colW, trunc(s, colW-1))
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		fmt.Fprintf(w, "  %s", fit(oneLine(r.Label), labelW))
		for _, cell := range r.Cells {
			mark := " "
			if gaps && len(cell.Assets) < c.Min {
				mark = "!"
			}
			fmt.Fprintf(w, "%*d%s", colW-1, len(cell.Assets), mark)
		}
		fmt.Fprintln(w)
	}
	if gaps {
		fmt.Fprintln(w, "  ! below coverage.min")
	}
}

// fit pads or truncates s to n runes.
func fit(s string, n int) string {
	s = trunc(s, n)
	if k := utf8.RuneCountInString(s); k < n {
		s += strings.Repeat(" ", n-k)
	}
	return s
}

// fitLeft is fit, truncating at the start ("…ts/deck.pptx").
func fitLeft(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if k := utf8.RuneCountInString(s); k > n {
		r := []rune(s)
		s = "…" + string(r[len(r)-n+1:])
	}
	return fit(s, n)
}

// trunc cuts s to n runes, with an ellipsis.
func trunc(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// oneLine collapses white space and drops control characters.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\uFFFC' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// wrap breaks s into lines of at most n runes, at spaces.
func wrap(s string, n int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(oneLine(s)) {
		wr := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(wr) > n {
			lines = append(lines, string(cur))
			cur = nil
		}
		for len(wr) > n {
			lines = append(lines, string(wr[:n]))
			wr = wr[n:]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// trimWriter drops trailing spaces from every line it passes on.
type trimWriter struct {
	w       io.Writer
	pending []byte // spaces not yet known to be trailing
	err     error
}

func (t *trimWriter) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for _, b := range p {
		switch b {
		case ' ':
			t.pending = append(t.pending, b)
			continue
		case '\n':
			t.pending = t.pending[:0]
		default:
			out = append(out, t.pending...)
			t.pending = t.pending[:0]
		}
		out = append(out, b)
	}
	if t.err == nil {
		_, t.err = t.w.Write(out)
	}
	return len(p), t.err
}

func (t *trimWriter) flush() {}
