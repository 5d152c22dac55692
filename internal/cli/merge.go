package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/report"
)

var mergeCommand = &command{
	name:    "merge",
	summary: "merge the shard files of `check --shard K/N --facts-out FILE` into one run's output",
	usage:   "msglint merge [flags] FILE...",
	examples: `  msglint check --shard 1/4 --facts-out shard-1.bin .   # on each of 4 machines (K = 1..4)
  msglint merge --format sarif -o msglint.sarif shard-*.bin  # one job: the output of one run over every file
`,
}

func init() { mergeCommand.run = runMerge }

// runShard is `check --shard K/N --facts-out FILE`: the per-file work on
// the share, written to FILE; the report is the merge's.
func (a *App) runShard(f *checkFlags, p *project.Project, opt project.Options) int {
	if f.shard == "" || f.factsOut == "" {
		return a.usageError(errors.New("--shard and --facts-out go together"))
	}
	if f.changedSince != "" || f.baseline != "" || f.writeBaseline != "" || f.output != "" {
		return a.usageError(errors.New("with --shard, --changed-since, --baseline, --write-baseline and --output are for `msglint merge`"))
	}
	sh, err := project.ParseShard(f.shard)
	if err != nil {
		return a.usageError(err)
	}
	bar := a.newProgress(f.progress)
	opt.Progress = bar.callback()
	var n int
	err = atomicfile.Write(a.abs(f.factsOut), func(w io.Writer) error {
		var err error
		n, err = p.RunShard(opt, sh, w)
		return err
	}, atomicfile.Options{Mode: 0o644})
	bar.finish()
	if err != nil {
		return a.runError(err)
	}
	if !f.quiet {
		fmt.Fprintf(a.Stderr, "msglint: shard %d/%d: %d files checked; results in %s (msglint merge prints them)\n", sh.K, sh.N, n, f.factsOut)
	}
	return ExitOK
}

func runMerge(a *App, args []string) int {
	var f checkFlags
	fs := a.newFlags(mergeCommand)
	f.common.register(fs)
	f.registerOutput(fs)
	fs.StringVar(&f.changedSince, "changed-since", "", "report only findings on lines changed since `GITREF` (and in files added since); coverage gaps are not reported")
	f.registerBaseline(fs)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return a.usageError(fmt.Errorf("usage: %s", mergeCommand.usage))
	}
	rep, err := report.Get(f.format)
	if err != nil {
		return a.usageError(err)
	}
	failOn, never, err := parseFailOn(f.failOn)
	if err != nil {
		return a.usageError(err)
	}
	var shards [][]byte
	for _, name := range fs.Args() {
		b, err := os.ReadFile(a.abs(name))
		if err != nil {
			return a.usageError(err)
		}
		shards = append(shards, b)
	}
	h, _, err := project.ReadShardHeader(shards[0])
	if err != nil {
		return a.usageError(fmt.Errorf("%s: %v", fs.Arg(0), err))
	}
	opt, err := a.options(&f.common, nil)
	if err != nil {
		return a.usageError(err)
	}
	// the shards' per-file options, so the merge's policy is theirs
	opt.Paths = nil
	opt.Scoped = true
	opt.Today, opt.Only, opt.Disable, opt.MinSeverity = h.Today, h.Only, h.Disable, h.MinSeverity
	opt.ReportUnusedDirectives = h.ReportUnusedDirectives
	p, code, ok := a.load(&f.common)
	if !ok {
		return code
	}
	if code, ok := a.filterOptions(&f, p, &opt); !ok {
		return code
	}
	res, err := p.Merge(opt, fs.Args(), shards)
	if err != nil {
		return a.usageError(err)
	}
	return a.writeResult(&f, p, res, rep, failOn, never)
}
