package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules"
)

var rulesCommand = &command{
	name:    "rules",
	summary: "list every rule: id, default severity, one line",
	usage:   "msglint rules [--format text|json]",
	examples: `  msglint rules                     # a table: rule, default severity, fixable, what it flags
  msglint rules --format json | jq  # the same, for tools (plus the family and the full documentation)
`,
}

var explainCommand = &command{
	name:    "explain",
	summary: "print a rule's full documentation with a bad and a good example, or a family's rules",
	usage:   "msglint explain RULE|FAMILY",
	examples: `  msglint explain naming/variant  # the rule's documentation, a bad and a good example
  msglint explain naming          # the family's rules: id, default severity, summary
`,
}

var versionCommand = &command{
	name:     "version",
	summary:  "print the version",
	usage:    "msglint version",
	examples: "  msglint version   # msglint 0.1.0 (also: msglint --version)\n",
}

func init() {
	rulesCommand.run = runRules
	explainCommand.run = runExplain
	versionCommand.run = func(a *App, args []string) int {
		fs := a.newFlags(versionCommand)
		if code, ok := a.parse(fs, args); !ok {
			return code
		}
		fmt.Fprintf(a.Stdout, "msglint %s\n", Version)
		return ExitOK
	}
}

func runRules(a *App, args []string) int {
	fs := a.newFlags(rulesCommand)
	format := fs.StringP("format", "f", "text", "output `FORMAT`: text|json")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(fmt.Errorf("rules takes no arguments (did you mean 'msglint explain %s'?)", fs.Arg(0)))
	}
	switch *format {
	case "text":
		ruleTable(a.Stdout, rules.All())
	case "json":
		if err := rulesJSON(a.Stdout, rules.All()); err != nil {
			return a.usageError(err)
		}
	default:
		return a.usageError(fmt.Errorf("--format must be text or json, not %q", *format))
	}
	return ExitOK
}

// ruleTable writes rules as a table: id, default severity, fixable, summary.
func ruleTable(w io.Writer, list []*lint.Rule) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tFIX\tWHAT IT FLAGS")
	for _, r := range list {
		fix := ""
		if r.Fix.Fixable() {
			fix = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Default, fix, r.Summary)
	}
	tw.Flush()
}

// ruleJSON is one rule in `msglint rules --format json`.
type ruleJSON struct {
	ID      string `json:"id"`
	Family  string `json:"family"`
	Default string `json:"default_severity"`
	// Fix: "safe" (msglint fix applies it), "heuristic" (with --heuristic),
	// or "none".
	Fix     string `json:"fix"`
	Summary string `json:"summary"`
	Doc     string `json:"doc"`
	Bad     string `json:"bad,omitempty"`
	Good    string `json:"good,omitempty"`
}

// rulesJSON writes {"version": 1, "rules": [...]} in the rules' order.
func rulesJSON(w io.Writer, list []*lint.Rule) error {
	out := struct {
		Version int        `json:"version"`
		Rules   []ruleJSON `json:"rules"`
	}{Version: 1, Rules: []ruleJSON{}}
	for _, r := range list {
		fix := "none"
		switch r.Fix {
		case lint.FixSafe:
			fix = "safe"
		case lint.FixHeuristic:
			fix = "heuristic"
		}
		out.Rules = append(out.Rules, ruleJSON{ID: r.Name, Family: r.Family(), Default: r.Default.String(), Fix: fix,
			Summary: r.Summary, Doc: strings.TrimSpace(r.Doc), Bad: r.Bad, Good: r.Good})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func runExplain(a *App, args []string) int {
	fs := a.newFlags(explainCommand)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return a.usageError(fmt.Errorf("explain takes one RULE or FAMILY (see 'msglint rules')"))
	}
	r, ok := rules.Get(fs.Arg(0))
	if !ok && rules.Known(fs.Arg(0)) {
		// a family: its rules, then how to read one
		var list []*lint.Rule
		for _, r := range rules.All() {
			if lint.Selects(fs.Arg(0), r.Name) {
				list = append(list, r)
			}
		}
		ruleTable(a.Stdout, list)
		fmt.Fprintf(a.Stdout, "\nRun 'msglint explain RULE' for a rule's documentation, e.g. 'msglint explain %s'.\n", list[0].Name)
		return ExitOK
	}
	if !ok {
		return a.usageError(fmt.Errorf("unknown rule %q%s (see 'msglint rules')", fs.Arg(0), suggestRule(fs.Arg(0))))
	}
	fmt.Fprint(a.Stdout, Explain(r))
	return ExitOK
}

// Explain renders a rule's documentation (also used to generate docs/rules.md).
func Explain(r *lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (default: %s", r.Name, r.Default)
	if r.Fix.Fixable() {
		b.WriteString(", fixable")
	}
	fmt.Fprintf(&b, ")\n\n%s\n\n%s\n", r.Summary, strings.TrimSpace(r.Doc))
	if r.Bad != "" {
		fmt.Fprintf(&b, "\nBad:\n    %s\n", strings.ReplaceAll(r.Bad, "\n", "\n    "))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "\nGood:\n    %s\n", strings.ReplaceAll(r.Good, "\n", "\n    "))
	}
	return b.String()
}

func suggestRule(s string) string { return config.DidYouMean(s, rules.Names()) }
