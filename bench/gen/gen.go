// Package gen writes a deterministic benchmark corpus: N Markdown files of
// marketing-like prose (front matter, headings, lists, tables, links,
// emphasis, fenced and inline code, URLs), a glossary of G terms, and an
// answer key of every variant planted in prose. Variants are also planted
// inside code and URLs, where msglint must not report them.
package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Options configure the corpus.
type Options struct {
	Files  int     // N
	Terms  int     // G
	Claims int     // registered claims in the config (0: none)
	Rate   float64 // probability that a prose sentence mentions a term
	Seed   uint64
}

// Plant is one expected finding.
type Plant struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Variant string `json:"variant"`
	Term    string `json:"term"`
}

// Key is the answer key.
type Key struct {
	Files    int      `json:"files"`
	Terms    int      `json:"terms"`
	Bytes    int64    `json:"bytes"`
	Prose    []Plant  `json:"prose"`    // must be reported as naming/variant
	Hidden   int      `json:"hidden"`   // variants planted in code and URLs (must not be reported)
	Variants []string `json:"variants"` // every variant (for grep -F)
}

type term struct {
	name     string
	variants []string
}

var syll = []string{"zor", "blat", "quin", "vex", "tra", "mo", "lin", "dra", "pex", "sor", "ka", "nu", "fel", "grim", "ost", "ria", "vel", "tor", "bun", "cal", "dex", "ely", "fon", "gar"}
var brands = []string{"Acme", "Globo", "Initrode", "Umbra", "Vandel", "Hooli", "Stark", "Wayne"}

func word(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syll[r.IntN(len(syll))])
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func terms(r *rand.Rand, g int) []term {
	seen := map[string]bool{}
	var out []term
	for len(out) < g {
		brand := brands[r.IntN(len(brands))]
		a, b := word(r, 1+r.IntN(2)), word(r, 1+r.IntN(2))
		camel := a + b
		key := strings.ToLower(brand + camel)
		if seen[key] || seen[strings.ToLower(camel)] {
			continue
		}
		seen[key], seen[strings.ToLower(camel)] = true, true
		out = append(out, term{name: brand + " " + camel, variants: []string{camel, brand + " " + a + " " + b}})
	}
	return out
}

var filler = strings.Fields(`teams ship faster with fewer handoffs and clear ownership across every
workflow while leaders see what matters in one place the platform connects data
from your tools so people spend less time searching and more time building
customers tell us onboarding takes days not weeks and support tickets drop as
self service grows security reviews pass with audit logs single sign on and
granular roles for every workspace`)

func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = filler[r.IntN(len(filler))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Write generates the corpus into dir.
func Write(dir string, o Options) (*Key, error) {
	r := rand.New(rand.NewPCG(o.Seed, 0x6d73676c696e74))
	ts := terms(r, o.Terms)
	key := &Key{Files: o.Files, Terms: o.Terms}
	for _, t := range ts {
		key.Variants = append(key.Variants, t.variants...)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return nil, err
	}
	if err := writeConfig(dir, ts, o.Claims); err != nil {
		return nil, err
	}
	for i := 0; i < o.Files; i++ {
		rel := fmt.Sprintf("content/%03d/page-%05d.md", i/100, i)
		var b strings.Builder
		line := 1
		emit := func(s string) {
			b.WriteString(s)
			b.WriteByte('\n')
			line += 1 + strings.Count(s, "\n")
		}
		// plantIn returns text with a term mention; a variant is recorded at col.
		mention := func(prefix string) (string, *Plant) {
			t := ts[r.IntN(len(ts))]
			if r.Float64() < 0.5 {
				return t.name, nil
			}
			v := t.variants[r.IntN(len(t.variants))]
			return v, &Plant{Path: rel, Line: line, Column: utf8.RuneCountInString(prefix) + 1, Variant: v, Term: t.name}
		}
		emit("---")
		emit(fmt.Sprintf("title: Page %d of the product tour", i))
		emit("description: How modern teams work together, with examples.")
		emit("---")
		emit("")
		size := 3000 + r.IntN(5000)
		for b.Len() < size {
			switch r.IntN(7) {
			case 0:
				emit("## " + strings.TrimSuffix(sentence(r, 4), "."))
				emit("")
			case 1: // paragraph with mentions and emphasis and a link
				var p strings.Builder
				for k := 0; k < 3+r.IntN(4); k++ {
					if p.Len() > 0 {
						p.WriteByte(' ')
					}
					if r.Float64() < o.Rate {
						prefix := p.String()
						m, plant := mention(prefix)
						if plant != nil {
							key.Prose = append(key.Prose, *plant)
						}
						p.WriteString(m + " " + strings.ToLower(sentence(r, 8)))
					} else {
						p.WriteString(sentence(r, 10))
					}
				}
				p.WriteString(" Read the [customer guide](https://example.com/guide) or use *our* **tools**.")
				emit(p.String())
				emit("")
			case 2: // list
				for k := 0; k < 3; k++ {
					prefix := "- "
					if r.Float64() < o.Rate {
						m, plant := mention(prefix)
						if plant != nil {
							key.Prose = append(key.Prose, *plant)
						}
						emit(prefix + m + " " + strings.ToLower(sentence(r, 6)))
					} else {
						emit(prefix + sentence(r, 7))
					}
				}
				emit("")
			case 3: // table
				emit("| Plan | Seats | Support |")
				emit("| --- | --- | --- |")
				emit("| Starter | 5 | Email |")
				emit("| Team | 50 | Chat and email |")
				emit("")
			case 4: // fenced code with a hidden variant
				t := ts[r.IntN(len(ts))]
				emit("```yaml")
				emit("product: " + t.variants[0])
				emit("endpoint: https://api.example.com/v1/sync")
				emit("```")
				emit("")
				key.Hidden++
			case 5: // inline code and URL with hidden variants
				t := ts[r.IntN(len(ts))]
				v := t.variants[0]
				emit(fmt.Sprintf("Run `%s --sync` or open https://example.com/%s/docs for setup details.", v, v))
				emit("")
				key.Hidden += 2
			case 6:
				emit("> " + sentence(r, 12))
				emit("")
			}
		}
		data := b.String()
		key.Bytes += int64(len(data))
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "variants.txt"), []byte(strings.Join(key.Variants, "\n")+"\n"), 0o644); err != nil {
		return nil, err
	}
	kb, _ := json.MarshalIndent(key, "", " ")
	return key, os.WriteFile(filepath.Join(dir, "answers.json"), kb, 0o644)
}

func writeConfig(dir string, ts []term, claims int) error {
	var b strings.Builder
	b.WriteString("version: 1\nterms:\n")
	for _, t := range ts {
		fmt.Fprintf(&b, "  - name: %s\n    kind: product\n    variants: [%s]\n", t.name, strings.Join(t.variants, ", "))
	}
	if claims > 0 {
		b.WriteString("claims:\n")
		for i := 0; i < claims; i++ {
			fmt.Fprintf(&b, "  - id: claim-%d\n    text: %d%% faster widget%d setup\n    pattern: '(\\d+(?:\\.\\d+)?)\\s*(?:%%|percent) faster widget%d setup'\n    value: %d\n", i, 10+i%80, i, i, 10+i%80)
		}
	}
	return os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte(b.String()), 0o644)
}
