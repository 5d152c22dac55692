package cli

import (
	"strings"
	"testing"

	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/rules"
)

// RulesDoc renders docs/rules.md from the rules' own documentation.
func RulesDoc() string {
	var b strings.Builder
	b.WriteString("# Rules\n\n<!-- Generated from the rules' documentation by `make docs`; do not edit. -->\n\n")
	b.WriteString("Every rule has an id `family/name`, a default severity (change it with `rules:` in the\n")
	b.WriteString("config, per path with `overrides:`, or turn it off), and a full description that\n")
	b.WriteString("`msglint explain RULE` prints. Rules marked *fixable* carry a replacement that\n")
	b.WriteString("`msglint fix` can apply.\n\n| rule | default | fixable | what it flags |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fix := ""
		if r.Fix.Fixable() {
			fix = "yes"
		}
		b.WriteString("| [`" + r.Name + "`](#" + anchor(r.Name) + ") | " + r.Default.String() + " | " + fix + " | " + r.Summary + " |\n")
	}
	for _, r := range rules.All() {
		b.WriteString("\n## " + r.Name + "\n\n```text\n" + Explain(r) + "```\n")
	}
	return b.String()
}

func anchor(s string) string {
	return strings.NewReplacer("/", "", " ", "-").Replace(s)
}

// TestRulesDoc keeps docs/rules.md true to the code (UPDATE_GOLDEN=1 rewrites it).
func TestRulesDoc(t *testing.T) {
	golden.Check(t, "../../docs/rules.md", []byte(RulesDoc()))
}

// TestRulesDocumented checks that every rule has what `explain` prints.
func TestRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules.All() {
		if seen[r.Name] {
			t.Errorf("duplicate rule %s", r.Name)
		}
		seen[r.Name] = true
		if r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("rule %s lacks a summary, doc, or bad/good example", r.Name)
		}
		if !strings.Contains(r.Name, "/") {
			t.Errorf("rule %s is not family/name", r.Name)
		}
		if r.Run == nil && r.Finish == nil && r.Family() != "input" {
			t.Errorf("rule %s has neither Run nor Finish", r.Name)
		}
	}
}
