package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/internal/safetext"
)

// initMerge imports glossaries into an existing config (init --from when
// the config exists and --force is not given): the imported terms and
// forbidden phrases go to msglint.imported.yaml beside it, which the
// config then extends; a term whose form the config already has is
// skipped and reported. The corpus is not scanned.
func initMerge(a *App, f *initFlags, out string, from []string, asNamed func(string) string) int {
	cols, err := initcfg.ParseColumns(f.columns)
	if err != nil {
		return a.usageError(err)
	}
	imported := filepath.Join(filepath.Dir(out), initcfg.ImportedFile)
	cfg, err := config.Load(out, config.LoadOptions{})
	if err != nil {
		fmt.Fprintf(a.Stderr, "msglint init: %s does not load, so nothing is imported into it:\n%s\n", f.output, safetext.String(err.Error()))
		return ExitUsage
	}
	existing := map[string]string{}
	for _, t := range cfg.Terms {
		if t.Pos.File != "" && filepath.Clean(t.Pos.File) == imported {
			continue // the last import: replaced
		}
		where := fmt.Sprintf("%s:%d", filepath.Base(t.Pos.File), t.Pos.Line)
		for _, form := range append(append([]string{t.Name}, t.Variants...), t.Deprecated...) {
			if _, ok := existing[form]; !ok {
				existing[form] = where
			}
		}
	}
	res, err := initcfg.Import(from, initcfg.GlossaryOptions(cols))
	if err != nil {
		return a.runError(fmt.Errorf("%s", asNamed(err.Error())))
	}
	p := initcfg.MergeInto(res, f.from, existing)
	for _, pr := range p.Imported.Problems {
		fmt.Fprintf(a.Stderr, "msglint init: %s\n", safetext.String(asNamed(pr.Error())))
	}
	src, err := os.ReadFile(out)
	if err != nil {
		return a.runError(err)
	}
	merged, changed, err := initcfg.AddExtends(src, initcfg.ImportedFile)
	if err != nil {
		fmt.Fprintf(a.Stderr, "msglint init: %s: %v\n", f.output, err)
		return ExitUsage
	}
	prev, hadPrev := readIfExists(imported)
	if err := atomicfile.WriteBytes(imported, p.ImportYAML(f.schema), atomicfile.Options{Mode: 0o644}); err != nil {
		return a.runError(err)
	}
	undo := func() {
		if hadPrev {
			_ = atomicfile.WriteBytes(imported, prev, atomicfile.Options{Mode: 0o644})
		} else {
			_ = os.Remove(imported)
		}
	}
	if changed {
		if err := writeConfig(a, out, merged); err != nil {
			undo()
			fmt.Fprintf(a.Stderr, "msglint init: %v\n", err)
			return ExitUsage
		}
	} else if _, err := config.Load(out, config.LoadOptions{}); err != nil {
		undo()
		fmt.Fprintf(a.Stderr, "msglint init: internal error: the config does not load with the import (please report it): %s\n", safetext.String(err.Error()))
		return ExitUsage
	}
	fmt.Fprintf(a.Stderr, "Imported %d terms and %d forbidden phrases into %s (through %s, which it extends).\n",
		len(p.Imported.Terms), len(p.Imported.Forbidden), f.output, initcfg.ImportedFile)
	return ExitOK
}

func readIfExists(path string) ([]byte, bool) {
	b, err := os.ReadFile(path)
	return b, err == nil
}
