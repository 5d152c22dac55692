package funnel_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/glossary"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/funnel"
)

// corpora is the shared evaluation corpus (not part of the project).
const corpora = "../../../shared/corpora"

// minAccuracy is the accuracy reached on assets with a clear label; the
// test fails below it so the classifier cannot silently regress.
const minAccuracy = 0.85

// label assigns a stage from an asset's folder, the way a person sorted
// the content: blog posts are awareness; comparisons and webinars
// consideration; customer stories and pricing decision; docs and
// changelogs retention. Anything else has no clear label. This is the
// evaluation's ground truth only: the classifier never sees paths here.
func label(rel string) string {
	p := "/" + strings.ToLower(rel)
	switch {
	case strings.HasPrefix(p, "/sourcegraph-handbook/"):
		return "" // an internal handbook: no go-to-market stage
	case strings.Contains(p, "/blog/"):
		return "awareness"
	case strings.Contains(p, "/alternative/"), strings.Contains(p, "/compar"), strings.Contains(p, "/webinar"):
		return "consideration"
	case strings.Contains(p, "case-stud"), strings.Contains(p, "customer-stor"), strings.Contains(p, "/pricing"):
		return "decision"
	case strings.Contains(p, "/docs/") && !strings.HasPrefix(p, "/sales-enablement-files/"), // there "docs" holds decks
		strings.Contains(p, "/changelog/"), strings.Contains(p, "/whats-new/"), strings.Contains(p, "release-notes"):
		return "retention"
	}
	return ""
}

type evalRow struct {
	path, want, got string
	conf            float64
	evidence        []string
}

// evaluate tags every labelled file of the corpora from content alone
// (default config: no path rules, no glossary).
func evaluate(t testing.TB) []evalRow {
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("no ../shared/corpora; evaluation skipped")
	}
	root, _ := filepath.Abs(corpora)
	cfg := glossary.Default(root)
	xo := &extract.Options{FrontMatter: cfg.FrontMatter, Limits: extract.DefaultLimits}
	var inputs []lint.Input
	labels := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		fn, format, ok := extract.For(p)
		lab := label(rel)
		if !ok || lab == "" || strings.HasPrefix(d.Name(), "_index") && emptyIndex(p) {
			return nil
		}
		labels[rel] = lab
		inputs = append(inputs, lint.Input{Path: rel, Format: format, Load: func() (*lint.Document, error) {
			src, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			return fn(rel, src, xo)
		}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	env := &lint.Env{Config: cfg}
	res := lint.Run(inputs, lint.Options{Env: env, Annotate: funnel.Annotate})
	var rows []evalRow
	for _, a := range res.Assets {
		rows = append(rows, evalRow{a.Path, labels[a.Path], a.Stage, a.Confidence, a.Evidence})
	}
	return rows
}

// emptyIndex reports whether a section index page has no content besides
// its front matter (no label can be clear for it).
func emptyIndex(p string) bool {
	b, err := os.ReadFile(p)
	if err != nil {
		return true
	}
	s := string(b)
	if strings.HasPrefix(s, "---") {
		if i := strings.Index(s[3:], "\n---"); i >= 0 {
			s = s[3+i+4:]
		}
	}
	return len(strings.TrimSpace(s)) == 0
}

func TestStageAccuracy(t *testing.T) {
	rows := evaluate(t)
	stages := append(append([]string(nil), glossary.DefaultStages...), funnel.Unknown)
	conf := map[[2]string]int{}
	correct := 0
	for _, r := range rows {
		conf[[2]string{r.want, r.got}]++
		if r.want == r.got {
			correct++
		}
	}
	acc := float64(correct) / float64(len(rows))
	var b strings.Builder
	fmt.Fprintf(&b, "accuracy %.3f (%d/%d)\n\n| label \\ tagged | %s |\n|---|%s\n", acc, correct, len(rows),
		strings.Join(stages, " | "), strings.Repeat("---:|", len(stages)))
	for _, w := range glossary.DefaultStages {
		fmt.Fprintf(&b, "| %s |", w)
		for _, g := range stages {
			fmt.Fprintf(&b, " %d |", conf[[2]string{w, g}])
		}
		b.WriteString("\n")
	}
	t.Log("\n" + b.String())
	if os.Getenv("FUNNEL_EVAL_VERBOSE") != "" {
		sort.Slice(rows, func(i, j int) bool { return rows[i].path < rows[j].path })
		for _, r := range rows {
			if r.want != r.got {
				t.Logf("MISS %s want %s got %s %.2f %v", r.path, r.want, r.got, r.conf, r.evidence)
			}
		}
	}
	if acc < minAccuracy {
		t.Errorf("stage accuracy %.3f is below %.2f", acc, minAccuracy)
	}
}
