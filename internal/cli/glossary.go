package cli

import (
	"bytes"
	"fmt"

	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/internal/atomicfile"
)

var glossaryCommand = &command{
	name:    "glossary",
	summary: "export the config's glossary for other tools (csv, Vale, prh, JSON)",
	usage:   "msglint glossary export [--format csv|vale|prh|json] [-o FILE]",
	examples: `  msglint glossary export --format csv > terms.csv        # a sheet for the marketing team
  msglint glossary export --format vale -o styles/Acme/Terms.yml  # a Vale substitution rule
  msglint glossary export --format prh -o prh.yml          # a textlint prh file
`,
}

func init() { glossaryCommand.run = runGlossary }

func runGlossary(a *App, args []string) int {
	var c common
	fs := a.newFlags(glossaryCommand)
	fs.StringVarP(&c.config, "config", "c", "", "config `FILE` (default: msglint.yaml, msglint.yml, .msglint.yaml or .msglint.yml in the working folder or a parent)")
	fs.BoolVar(&c.allowOutside, "allow-outside-config", false, "let the config, its extends: and glossary: files lie outside the repository")
	format := fs.StringP("format", "f", "csv", "output `FORMAT`: csv|vale|prh|json")
	output := fs.StringP("output", "o", "-", "write to `FILE` (\"-\": standard output)")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || fs.Arg(0) != "export" || fs.NArg() > 1 {
		return a.usageError(fmt.Errorf("usage: %s", glossaryCommand.usage))
	}
	p, code, ok := a.load(&c)
	if !ok {
		return code
	}
	terms := make([]initcfg.GlossaryTerm, 0, len(p.Config.Terms))
	for _, t := range p.Config.Terms {
		terms = append(terms, initcfg.GlossaryTerm{Name: t.Name, Kind: t.Kind, Variants: t.Variants, Deprecated: t.Deprecated, Note: t.Note})
	}
	var b bytes.Buffer
	if err := initcfg.Export(&b, *format, terms); err != nil {
		return a.usageError(err)
	}
	if *output == "-" {
		a.Stdout.Write(b.Bytes())
		return ExitOK
	}
	if err := atomicfile.WriteBytes(a.abs(*output), b.Bytes(), atomicfile.Options{Mode: 0o644}); err != nil {
		return a.runError(err)
	}
	return ExitOK
}
