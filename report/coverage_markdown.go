package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/rules/coverage"
)

// CoverageMarkdown writes a compact summary fit for a GitHub job summary
// or a pull-request comment: gaps first, then the product x stage matrix,
// the other matrices, the alignment, and the assets folded away.
func CoverageMarkdown(w io.Writer, c *coverage.Model) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "## msglint coverage report")
	fmt.Fprintln(bw)
	status := "✅ no coverage gap"
	if n := len(c.Gaps); n > 0 {
		status = fmt.Sprintf("⚠️ **%s** below coverage.min (%d)", count(n, "gap"), c.Min)
	}
	fmt.Fprintf(bw, "%s · %s", status, count(len(c.Assets), "asset"))
	if c.Unknown > 0 {
		fmt.Fprintf(bw, " · %d of unknown stage", c.Unknown)
	}
	fmt.Fprintln(bw)
	if len(c.Gaps) > 0 {
		fmt.Fprintln(bw, "\n### Gaps")
		fmt.Fprintln(bw, "\n| Product | Stage | Grade | Assets |\n|---|---|---|---:|")
		for _, g := range c.Gaps {
			fmt.Fprintf(bw, "| %s | %s | %s | %d |\n", md(g.Label), md(g.Stage), g.Grade, g.Count)
		}
	}
	mdMatrix(bw, "Product × stage", "Product", c, c.Products, true)
	mdMatrix(bw, "Audience × stage", "Audience", c, c.Audiences, false)
	mdMatrix(bw, "Objection × stage", "Objection", c, c.Objections, false)

	al := c.Alignment
	if len(al.Teams) > 0 {
		var lines []string
		for _, t := range al.Teams {
			if l := al.AudiencesOnly[t]; len(l) > 0 {
				lines = append(lines, fmt.Sprintf("- audiences only **%s** targets: %s", md(t), mdList(l, false)))
			}
		}
		for _, p := range al.Products {
			for _, t := range al.Teams {
				if l := p.FormsOnly[t]; len(l) > 0 {
					lines = append(lines, fmt.Sprintf("- %s: names only **%s** uses: %s", md(p.Label), md(t), mdList(l, true)))
				}
				if l := p.ClaimsOnly[t]; len(l) > 0 {
					lines = append(lines, fmt.Sprintf("- %s: claims only **%s** uses: %s", md(p.Label), md(t), mdList(l, true)))
				}
			}
		}
		fmt.Fprintf(bw, "\n### Alignment (%s)\n\n", md(strings.Join(al.Teams, " vs ")))
		if len(lines) == 0 {
			lines = []string{"- the teams use the same names, claims and audiences"}
		}
		fmt.Fprintln(bw, strings.Join(lines, "\n"))
	}

	fmt.Fprintf(bw, "\n<details><summary>Assets (%d)</summary>\n\n", len(c.Assets))
	fmt.Fprintln(bw, "| Asset | Title | Stage | Source | Confidence | Team | Products | Why |\n|---|---|---|---|---:|---|---|---|")
	for _, a := range c.Assets {
		conf := fmt.Sprintf("%.2f", a.Confidence)
		if a.Stage != "unknown" && !c.Counts(a) {
			conf += " (low: counted in no cell)"
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(a.Path), md(a.Title), md(a.Stage), md(a.StageSource),
			conf, md(a.Team), md(strings.Join(a.Products, ", ")), md(strings.Join(a.Evidence, "; ")))
	}
	fmt.Fprintln(bw, "\n</details>")
	return bw.Flush()
}

func mdMatrix(w io.Writer, title, head string, c *coverage.Model, rows []coverage.Row, gaps bool) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\n### %s\n\n| %s |", title, head)
	for _, s := range c.Stages {
		fmt.Fprintf(w, " %s |", md(s))
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---:|", len(c.Stages)))
	for _, r := range rows {
		fmt.Fprintf(w, "| %s |", md(r.Label))
		for _, cell := range r.Cells {
			n := len(cell.Assets)
			if gaps && n < c.Min {
				fmt.Fprintf(w, " **%d** ⚠️ |", n)
			} else {
				fmt.Fprintf(w, " %d |", n)
			}
		}
		fmt.Fprintln(w)
	}
}

// mdReplacer escapes text for a Markdown table cell or list item: no
// HTML, no emphasis, no links, no table breaks.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;", "*", `\*`, "_", `\_`,
	"`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`, "~", `\~`, "!", `\!`,
)

// md escapes one piece of content for Markdown: on one line (C0 controls
// and DEL as spaces), the other control characters a viewer would act on
// (C1, U+2028, bidirectional overrides) as visible escapes (safetext),
// then the Markdown syntax.
func md(s string) string { return mdReplacer.Replace(safetext.String(oneLine(s))) }

func mdList(list []string, quote bool) string {
	out := make([]string, len(list))
	for i, s := range list {
		if quote {
			out[i] = "“" + md(s) + "”"
		} else {
			out[i] = md(s)
		}
	}
	return strings.Join(out, ", ")
}
