package claims_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/claims"
)

var benchWords = strings.Fields(`the team ships faster with fewer handoffs and every release keeps customers
	in sync across regions while onboarding stays simple for new hires who review dashboards reports alerts
	and workflows before the quarterly planning meeting starts with a short demo of the product`)

// benchDocs generates n documents of prose; about one paragraph in ten has
// a figure, some of them a registered claim's wording.
func benchDocs(n int) []driver.Input {
	r := rand.New(rand.NewSource(1))
	var inputs []driver.Input
	for d := 0; d < n; d++ {
		doc := &content.Document{Path: fmt.Sprintf("doc%03d.md", d), Format: content.FormatMarkdown}
		for b := 0; b < 40; b++ {
			var sb strings.Builder
			for w := 0; w < 30+r.Intn(30); w++ {
				if w > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(benchWords[r.Intn(len(benchWords))])
				if r.Intn(12) == 0 {
					sb.WriteByte('.')
				}
			}
			switch r.Intn(20) {
			case 0:
				fmt.Fprintf(&sb, " Teams see %d%% higher metric%d scores.", 30+r.Intn(10), r.Intn(200))
			case 1:
				fmt.Fprintf(&sb, " It cuts onboarding time by %d%%.", 40+r.Intn(30))
			case 2:
				sb.WriteString(" Trusted by 10,000+ customers since 2019.")
			}
			doc.Blocks = append(doc.Blocks, content.Block{Scope: content.ScopeParagraph, Text: sb.String()})
		}
		inputs = append(inputs, driver.Input{Path: doc.Path, Format: doc.Format, Load: func() (*content.Document, error) {
			c := *doc
			return &c, nil
		}})
	}
	return inputs
}

func benchConfig(nClaims int) *config.Config {
	cfg := &config.Config{}
	for i := 0; i < nClaims; i++ {
		v := float64(30 + i%10)
		cfg.Claims = append(cfg.Claims, config.Claim{
			ID:       fmt.Sprintf("metric-%d", i),
			Text:     fmt.Sprintf("%v%% higher metric%d scores", v, i),
			Pattern:  fmt.Sprintf(`(\d+(?:\.\d+)?)\s*(?:%%|percent) higher metric%d scores?`, i),
			Value:    &v,
			Citation: "required",
			Expires:  "2027-01-01",
		})
	}
	cfg.Disclaimers = []config.Disclaimer{{ID: "roadmap", When: []string{`\broadmap\b`}, Text: "Features on the roadmap are subject to change."}}
	return cfg
}

func benchRun(b *testing.B, cfg *config.Config, rules []*lint.Rule) {
	inputs := benchDocs(200)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		env := &lint.Env{Config: cfg, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
		res := driver.Run(inputs, driver.Options{Env: env, Rules: rules, Jobs: 1})
		if i == 0 {
			b.ReportMetric(float64(len(res.Findings)), "findings")
		}
	}
}

// BenchmarkClaims: every claims rule, 200 registered claims, 200 documents
// of 40 paragraphs.
func BenchmarkClaims(b *testing.B) { benchRun(b, benchConfig(200), all) }

// BenchmarkClaimsNoRegistered: the same corpus with no registered claims
// (forbidden defaults, statistics and conflicts only).
func BenchmarkClaimsNoRegistered(b *testing.B) { benchRun(b, benchConfig(0), all) }

// BenchmarkClaimsRegisteredOnly: only the three registered-claim rules.
func BenchmarkClaimsRegisteredOnly(b *testing.B) {
	benchRun(b, benchConfig(200), []*lint.Rule{claims.Mismatch, claims.Uncited, claims.Expired})
}

// BenchmarkTokenizeOnly is the floor: the driver with a rule that only
// walks the blocks.
func BenchmarkBaseline(b *testing.B) {
	noop := &lint.Rule{Name: "x/noop", Run: func(p *lint.Pass) error {
		n := 0
		for i := range p.Doc.Blocks {
			n += len(p.Doc.Blocks[i].Text)
		}
		_ = n
		return nil
	}}
	benchRun(b, benchConfig(0), []*lint.Rule{noop})
}
