// Command msglint is a linter for go-to-market content: it checks
// marketing pages, sales decks and enablement documents against one
// product glossary and one set of claims rules.
package main

import (
	"os"

	"github.com/msglint/msglint/internal/cli"
)

func main() { os.Exit(cli.Main()) }
