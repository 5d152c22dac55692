package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/msglint/msglint/project"
)

// defaultStdinName is the name standard input is linted as when `-` is
// given without --stdin-filename: Markdown, in the working folder.
const defaultStdinName = "stdin.md"

// stdinFlag is --stdin-filename, shared by check and fix.
type stdinFlag struct{ name string }

func (s *stdinFlag) register(fs *pflag.FlagSet) {
	fs.StringVar(&s.name, "stdin-filename", "", "with - as the PATH, lint standard input as if it were `FILE` (format from its extension, config searched from its folder, overrides matched by it; default "+defaultStdinName+")")
}

// isStdinArg reports whether a PATH names standard input: - (and
// /dev/stdin, which a walk would skip as a symbolic link).
func isStdinArg(p string) bool { return p == "-" || p == "/dev/stdin" }

// stdinRun decides whether the run reads standard input. It returns the
// absolute name standard input is linted as ("" for a run over PATHs), or
// a usage error: - with other PATHs (a stdin run is a one-file run),
// --stdin-filename without -, or a name of a kind msglint does not read.
func (a *App) stdinRun(s *stdinFlag, args []string) (string, error) {
	if !slices.ContainsFunc(args, isStdinArg) {
		if s.name != "" {
			return "", fmt.Errorf("--stdin-filename names standard input: give - as the PATH")
		}
		return "", nil
	}
	if len(args) > 1 {
		return "", fmt.Errorf("- (standard input) cannot be mixed with other PATHs: a run on standard input lints that one file")
	}
	name := s.name
	if name == "" {
		name = defaultStdinName
	}
	if known, _ := project.FileKind(name); !known {
		return "", fmt.Errorf("--stdin-filename %s: not a kind of file msglint reads (want .md, .mdx, .html, .txt, .pptx, .docx, .odp, .odt or .pdf)", name)
	}
	return filepath.Clean(a.abs(name)), nil
}

// useStdin makes opt a run on standard input, linted as name.
func (a *App) useStdin(opt *project.Options, name string) {
	opt.Paths = []string{name}
	opt.Stdin, opt.StdinName = a.Stdin, name
	if opt.Stdin == nil {
		opt.Stdin = strings.NewReader("") // an App without standard input
	}
}
