package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules"
)

var rulesCommand = &command{
	name:    "rules",
	summary: "list every rule: id, default severity, one line",
	usage:   "msglint rules",
}

var explainCommand = &command{
	name:    "explain",
	summary: "print a rule's full documentation with a bad and a good example",
	usage:   "msglint explain RULE",
}

var versionCommand = &command{
	name:    "version",
	summary: "print the version",
	usage:   "msglint version",
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
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return a.usageError(fmt.Errorf("rules takes no arguments (did you mean 'msglint explain %s'?)", fs.Arg(0)))
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tFIX\tWHAT IT FLAGS")
	for _, r := range rules.All() {
		fix := ""
		if r.Fix.Fixable() {
			fix = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, r.Default, fix, r.Summary)
	}
	tw.Flush()
	return ExitOK
}

func runExplain(a *App, args []string) int {
	fs := a.newFlags(explainCommand)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return a.usageError(fmt.Errorf("explain takes one RULE (see 'msglint rules')"))
	}
	r, ok := rules.Get(fs.Arg(0))
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
