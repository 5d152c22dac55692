package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/msglint/msglint/internal/lsp"
)

var lspCommand = &command{
	name:    "lsp",
	summary: "run a Language Server Protocol server on standard input and output (for editors)",
	usage:   "msglint lsp",
	examples: `  msglint lsp   # started by an editor's LSP client; see docs/editors.md
`,
}

func init() { lspCommand.run = runLSP }

func runLSP(a *App, args []string) int {
	fs := a.newFlags(lspCommand)
	// editors commonly pass --stdio; it is the only transport
	stdio := fs.Bool("stdio", true, "talk over standard input and output (the only transport)")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || !*stdio {
		return a.usageError(fmt.Errorf("lsp takes no arguments (it talks over standard input and output)"))
	}
	if a.Stdin == nil {
		a.Stdin = strings.NewReader("")
	}
	err := lsp.Serve(a.Stdin, a.Stdout, lsp.Options{Explain: Explain, Version: Version, Log: a.Stderr})
	if errors.Is(err, lsp.ErrExitWithoutShutdown) {
		return 1
	}
	if err != nil {
		fmt.Fprintln(a.Stderr, "msglint lsp:", err)
		return 1
	}
	return ExitOK
}
