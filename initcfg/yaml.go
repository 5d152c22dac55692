package initcfg

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

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
	b.WriteString("# - each term's name is the form the corpus uses most; its variants are the\n")
	b.WriteString("#   other forms seen (counts in comments). `msglint check` flags every variant\n")
	b.WriteString("#   and `msglint fix` rewrites it to the name. Delete a variant that is right,\n")
	b.WriteString("#   and a term that is not one of your names.\n")
	b.WriteString("# - add `kind: product` (or feature) to your own products: they become\n")
	b.WriteString("#   case-sensitive and count in the funnel coverage matrix.\n")
	b.WriteString("# - funnel paths and teams come from folder names; the first stage that\n")
	b.WriteString("#   matches a file wins.\n")
	b.WriteString("version: 1\n")

	b.WriteString("\nterms:")
	if len(p.Names) == 0 {
		b.WriteString(" []\n")
	} else {
		b.WriteString("\n")
	}
	singleHeader := false
	for i, n := range p.Names {
		if i == 0 && len(n.Forms) > 1 {
			b.WriteString("  # Names written in more than one form.\n")
		}
		if len(n.Forms) == 1 && !singleHeader {
			singleHeader = true
			b.WriteString("\n  # Frequent names written one way only (listed so you can add notes, ids,\n")
			b.WriteString("  # kinds and trademark signs; delete those that are not yours).\n")
		}
		c := n.Forms[0]
		fmt.Fprintf(&b, "  - name: %s  # %s in %s", q(c.Text), times(c.Count), files(c.Files))
		if n.Tie {
			b.WriteString("; a tie: check which form is right")
		}
		b.WriteString("\n")
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
