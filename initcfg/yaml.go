package initcfg

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/msglint/msglint/schema"
)

// q quotes a YAML scalar (a JSON string is a valid YAML double-quoted scalar).
func q(s string) string { return strconv.Quote(s) }

func times(n int) string {
	if n == 1 {
		return "1 mention"
	}
	return fmt.Sprintf("%d mentions", n)
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// YAML renders the proposal as a commented msglint.yaml. schemaURL is
// the URL or path of the JSON Schema ("" for schema.URL), written in the
// first-line comment that yaml-language-server reads.
func (p *Proposal) YAML(schemaURL string) []byte {
	if schemaURL == "" {
		schemaURL = schema.URL
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", schemaURL)
	fmt.Fprintf(&b, "#\n# Written by `msglint init` from %s. Review it before you commit it:\n", files(p.Files))
	b.WriteString("# - each term's name is the form with the best evidence (the comment says\n")
	b.WriteString("#   why: trademark signs, the most files, headings, the domain name, inner\n")
	b.WriteString("#   capitals); its variants are the other forms seen (counts in comments).\n")
	b.WriteString("#   `msglint check` flags every variant and `msglint fix` rewrites it to the\n")
	b.WriteString("#   name. Delete a variant that is right, and a term that is not one of your\n")
	b.WriteString("#   names.\n")
	b.WriteString("# - `kind: product` marks the company's name and its products: they are\n")
	b.WriteString("#   case-sensitive and count in the funnel coverage matrix. Add it to the\n")
	b.WriteString("#   other products of yours.\n")
	b.WriteString("# - funnel paths and teams come from folder names; the first stage that\n")
	b.WriteString("#   matches a file wins.\n")
	b.WriteString("version: 1\n")

	b.WriteString("\nterms:")
	imported := 0
	if p.Imported != nil {
		imported = len(p.Imported.Terms)
	}
	if len(p.Names) == 0 && imported == 0 {
		b.WriteString(" []\n")
	} else {
		b.WriteString("\n")
	}
	section := ""
	if imported > 0 {
		section = "imported"
		writeImported(&b, p)
	}
	for _, n := range p.Names {
		switch {
		case n.Kind != "" && section != "products":
			if section != "" {
				b.WriteString("\n")
			}
			section = "products"
			b.WriteString("  # The company and its products.\n")
		case n.Kind == "" && len(n.Forms) > 1 && section != "multi":
			if section != "" {
				b.WriteString("\n")
			}
			section = "multi"
			b.WriteString("  # Names written in more than one form.\n")
		case n.Kind == "" && len(n.Forms) == 1 && section != "single":
			if section != "" {
				b.WriteString("\n")
			}
			section = "single"
			b.WriteString("  # Frequent names written one way only (listed so you can add notes, ids,\n")
			b.WriteString("  # kinds and trademark signs; delete those that are not yours).\n")
		}
		c := n.Forms[0]
		fmt.Fprintf(&b, "  - name: %s  # %s in %s", q(c.Text), times(c.Count), files(c.Files))
		if n.Tie {
			b.WriteString("; a tie: check which form is right")
		}
		b.WriteString("\n")
		if n.Why != "" {
			fmt.Fprintf(&b, "    # why: %s\n", n.Why)
		}
		if n.Kind != "" {
			fmt.Fprintf(&b, "    kind: %s\n", n.Kind)
		}
		if len(n.Forms) > 1 {
			b.WriteString("    variants:\n")
			for _, f := range n.Forms[1:] {
				fmt.Fprintf(&b, "      - %s  # %s in %s\n", q(f.Text), times(f.Count), files(f.Files))
			}
		}
		if len(n.Signs) > 0 {
			signs := make([]string, 0, len(n.Signs))
			for s := range n.Signs {
				signs = append(signs, s)
			}
			sort.Slice(signs, func(i, j int) bool {
				if n.Signs[signs[i]] != n.Signs[signs[j]] {
					return n.Signs[signs[i]] > n.Signs[signs[j]]
				}
				return signs[i] < signs[j]
			})
			s := signs[0]
			verb := "carry"
			if n.Signs[s] == 1 {
				verb = "carries"
			}
			fmt.Fprintf(&b, "    # %s %s %s: uncomment to require it on each asset's first mention\n", times(n.Signs[s]), verb, s)
			fmt.Fprintf(&b, "    # trademark: %s\n", q(s))
		}
	}

	if p.Imported != nil && len(p.Imported.Forbidden) > 0 {
		fmt.Fprintf(&b, "\n# Imported from %s.\nforbidden:\n", strings.Join(p.Sources, ", "))
		for _, f := range p.Imported.Forbidden {
			if f.Pattern != "" {
				fmt.Fprintf(&b, "  - pattern: %s\n", q(f.Pattern))
			} else {
				fmt.Fprintf(&b, "  - phrase: %s\n", q(f.Phrase))
			}
		}
	}
	if cs := p.Competitors(); len(cs) > 0 {
		b.WriteString("\n# The names the corpus compares the company with, or its front matter calls\n")
		b.WriteString("# competitors: figures stated about them are not the company's claims.\n")
		b.WriteString("competitors:\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "  - %s\n", q(c))
		}
	}
	if len(p.Stages) > 0 {
		b.WriteString("\nfunnel:\n  paths:  # path rules beat content signals\n")
		writeRules(&b, p.Stages, "    ")
	} else {
		b.WriteString("\n# funnel:\n#   paths:  # no folder name suggested a funnel stage\n#     awareness: [\"blog/**\"]\n")
	}
	if len(p.Teams) > 0 {
		b.WriteString("\nteams:\n")
		writeRules(&b, p.Teams, "  ")
	} else {
		b.WriteString("\n# teams:  # no folder name suggested a team\n#   marketing: [\"site/**\", \"blog/**\"]\n#   sales: [\"sales/**\"]\n")
	}
	return b.Bytes()
}

func writeRules(b *bytes.Buffer, rules []PathRule, indent string) {
	prev := ""
	for _, r := range rules {
		if r.Key != prev {
			fmt.Fprintf(b, "%s%s:\n", indent, r.Key)
			prev = r.Key
		}
		fmt.Fprintf(b, "%s  - %s  # %s\n", indent, q(r.Glob), files(r.Files))
	}
}

// Summary is what init says after it wrote the config to path: the
// counts, and the decisions that deserve a human look first (at most 5).
func (p *Proposal) Summary(path string) string {
	var b strings.Builder
	products, variants, imported, importedProducts := 0, 0, 0, 0
	for _, n := range p.Names {
		if n.Kind != "" {
			products++
		}
		variants += len(n.Forms) - 1
	}
	if p.Imported != nil {
		imported = len(p.Imported.Terms)
		for _, t := range p.Imported.Terms {
			if t.Kind == kindProduct {
				importedProducts++
			}
			variants += len(t.Variants)
		}
	}
	fmt.Fprintf(&b, "Wrote %s from %s: %s, %s (%s), %s, %s.\n", path, files(p.Files),
		count(products+importedProducts, "product"), count(len(p.Names)+imported-products-importedProducts, "other term"), count(variants, "variant"),
		count(len(p.Stages), "funnel path rule"), count(len(p.Teams), "team rule"))
	if cs := p.Competitors(); len(cs) > 0 {
		fmt.Fprintf(&b, "Competitors: %s.\n", strings.Join(cs, ", "))
	}
	if p.Imported != nil {
		fmt.Fprintf(&b, "Imported %s and %s from %s", count(imported, "term"), count(len(p.Imported.Forbidden), "forbidden phrase"), strings.Join(p.Sources, ", "))
		if n := len(p.Imported.Problems); n > 0 {
			fmt.Fprintf(&b, "; %s skipped (above)", countWord(n, "entry", "entries"))
		}
		b.WriteString(".\n")
	}
	var look []string
	for _, n := range p.Names {
		if n.Company {
			look = append(look, fmt.Sprintf("%q is taken as the company's name (kind: product)", n.Canonical()))
		}
	}
	for _, n := range p.Names {
		if n.Review && len(look) < 5 {
			look = append(look, fmt.Sprintf("%q over %q (%s, against %s): %s", n.Forms[0].Text, n.Forms[1].Text,
				times(n.Forms[0].Count), times(n.Forms[1].Count), n.Why))
		}
	}
	if len(look) > 0 {
		b.WriteString("Check these first:\n")
		for _, l := range look {
			fmt.Fprintf(&b, "  - %s\n", l)
		}
	}
	b.WriteString("Review it, then run `msglint check`.\n")
	return b.String()
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// writeImported writes the imported terms.
func writeImported(b *bytes.Buffer, p *Proposal) {
	fmt.Fprintf(b, "  # Imported from %s.\n", strings.Join(p.Sources, ", "))
	for _, t := range p.Imported.Terms {
		fmt.Fprintf(b, "  - name: %s\n", q(t.Name))
		if t.Kind != "" {
			fmt.Fprintf(b, "    kind: %s\n", t.Kind)
		}
		if t.Note != "" {
			fmt.Fprintf(b, "    note: %s\n", q(t.Note))
		}
		for _, l := range []struct {
			key   string
			forms []string
		}{{"variants", t.Variants}, {"deprecated", t.Deprecated}} {
			if len(l.forms) == 0 {
				continue
			}
			fmt.Fprintf(b, "    %s:\n", l.key)
			for _, f := range l.forms {
				fmt.Fprintf(b, "      - %s\n", q(f))
			}
		}
		for _, s := range t.Specs {
			fmt.Fprintf(b, "    # prh spec: %s\n", strings.Trim(q(s), `"`))
		}
	}
}

func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
