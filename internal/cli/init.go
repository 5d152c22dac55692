package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/schema"
)

var initCommand = &command{
	name:    "init",
	summary: "discover product names, funnel folders and teams in a corpus; write a starter msglint.yaml",
	usage:   "msglint init [flags] [PATH...]",
	examples: `  msglint init                  # scan the working folder, write msglint.yaml
  msglint init -o - content/    # print the proposed config for content/, write nothing
  msglint init --min-count 5 .  # propose only names mentioned 5 times or more
  msglint init --from terms.csv --from styles/Vocab/Acme/accept.txt  # import existing glossaries
`,
}

func init() { initCommand.run = runInit }

type initFlags struct {
	output    string
	force     bool
	minCount  int
	maxSingle int
	schema    string
	jobs      int
	progress  string
	noColor   bool
	from      []string
	columns   string
}

func runInit(a *App, args []string) int {
	var f initFlags
	fs := a.newFlags(initCommand)
	fs.StringVarP(&f.output, "output", "o", "msglint.yaml", "write the config to `FILE` (\"-\": print it, write nothing); globs are relative to its folder")
	fs.BoolVar(&f.force, "force", false, "overwrite an existing config file")
	fs.IntVar(&f.minCount, "min-count", 3, "propose names mentioned at least `N` times")
	fs.IntVar(&f.maxSingle, "max-single", 30, "propose at most `N` names that are written one way only")
	fs.StringArrayVar(&f.from, "from", nil, "import the glossary `FILE` (CSV/TSV/XLSX sheet, Vale accept.txt/reject.txt or substitution rule, prh YAML); repeatable")
	fs.StringVar(&f.columns, "columns", "", "map unusual sheet headers to columns: `HEADER=ROLE,...`, ROLE one of term, variants, avoid, note, kind, skip")
	fs.StringVar(&f.schema, "schema", schema.URL, "the JSON Schema `URL` or path written on the first line (for editors)")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "files read in parallel (default: number of CPUs)")
	fs.StringVar(&f.progress, "progress", "auto", "progress bar on stderr: auto|always|never")
	fs.BoolVar(&f.noColor, "no-color", false, "no colours (NO_COLOR is honoured too)")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	switch f.progress {
	case "auto", "always", "never":
	default:
		return a.usageError(fmt.Errorf("--progress must be auto, always or never, not %q", f.progress))
	}
	if f.minCount < 1 || f.maxSingle < 0 || f.jobs < 0 {
		return a.usageError(fmt.Errorf("--min-count must be 1 or more, --max-single and --jobs 0 or more"))
	}
	cols, err := initcfg.ParseColumns(f.columns)
	if err != nil {
		return a.usageError(err)
	}
	toStdout := f.output == "-"
	out := a.abs(f.output)
	root := filepath.Dir(out)
	if toStdout {
		root = a.Cwd
	}
	exists := false
	if !toStdout && !f.force {
		if _, err := os.Lstat(out); err == nil {
			if len(f.from) == 0 {
				fmt.Fprintf(a.Stderr, "msglint init: %s already exists; use --force to overwrite it (or --from FILE to import a glossary into it)\n", f.output)
				return ExitUsage
			}
			exists = true
		}
	}
	var paths []string
	for _, p := range fs.Args() {
		paths = append(paths, a.abs(p))
	}
	if len(paths) == 0 {
		paths = []string{a.Cwd}
	}
	var from []string
	named := map[string]string{} // the files to import, as named
	for _, p := range f.from {
		from = append(from, a.abs(p))
		named[a.abs(p)] = p
	}
	asNamed := func(s string) string {
		for abs, p := range named {
			s = strings.ReplaceAll(s, abs, p)
		}
		// the files a .vale.ini leads to, as relative to it as it was named
		for abs, p := range named {
			dir, ndir := filepath.Dir(abs)+string(filepath.Separator), filepath.Dir(p)+string(filepath.Separator)
			if filepath.Dir(p) == "." {
				ndir = ""
			}
			s = strings.ReplaceAll(s, dir, ndir)
		}
		return s
	}
	if exists {
		return initMerge(a, &f, out, from, asNamed)
	}
	bar := a.newProgress(f.progress)
	prop, err := initcfg.Propose(initcfg.Options{Root: root, Paths: paths, MinCount: f.minCount,
		MaxSingle: f.maxSingle, Jobs: f.jobs, From: from, Columns: cols, Progress: bar.callback()})
	bar.finish()
	if err != nil {
		return a.runError(errors.New(asNamed(err.Error())))
	}
	if prop.Imported != nil {
		prop.Sources = f.from // as the user named them
		for _, pr := range prop.Imported.Problems {
			fmt.Fprintf(a.Stderr, "msglint init: %s\n", safetext.String(asNamed(pr.Error())))
		}
	}
	if f.maxSingle == 0 {
		kept := prop.Names[:0]
		for _, n := range prop.Names {
			if len(n.Forms) > 1 || n.Kind != "" || n.Competitor {
				kept = append(kept, n)
			}
		}
		prop.Names = kept
	}
	data := prop.YAML(f.schema)
	if toStdout {
		a.Stdout.Write(data)
		return ExitOK
	}
	if err := writeConfig(a, out, data); err != nil {
		fmt.Fprintf(a.Stderr, "msglint init: %v\n", err)
		return ExitUsage
	}
	fmt.Fprint(a.Stderr, safetext.Except(prop.Summary(f.output), "\n"))
	return ExitOK
}

// writeConfig writes the config through a temporary file in the target
// folder, loads it with the config loader (a config init writes must
// load), and renames it into place.
func writeConfig(a *App, path string, data []byte) error {
	return atomicfile.WriteBytes(path, data, atomicfile.Options{Mode: 0o644, Verify: func(tmp string) error {
		if _, err := project.LoadWith(filepath.Dir(path), tmp, project.LoadOptions{ConfigAbsolute: true}); err != nil {
			return fmt.Errorf("internal error: the config written does not load (please report it): %v", err)
		}
		return nil
	}})
}
