// Command train-funnel fits the funnel-stage content model on the
// labelled corpora and writes it to rules/funnel/model.bin (run it from
// the repository root, or use `make train-funnel`). The same corpora give
// the same file, bit for bit. See docs/funnel.md.
//
// Usage: go run ./cmd/train-funnel [-corpora DIR] [-o FILE]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/rules/funnel/train"
)

func main() {
	corpora := flag.String("corpora", "../shared/corpora", "folder of labelled sites (each with a labels.tsv)")
	out := flag.String("o", "rules/funnel/model.bin", "model file to write")
	written := flag.String("written", train.Written, "folder of the pages written for training (\"\": none)")
	flag.Parse()
	sites, err := train.AllSites(*corpora, *written)
	if err != nil {
		fmt.Fprintf(os.Stderr, "train-funnel: %v\n", err)
		os.Exit(2)
	}
	ex, err := train.Load(sites)
	if err != nil {
		fmt.Fprintln(os.Stderr, "train-funnel:", err)
		os.Exit(1)
	}
	m := train.FitCalibrated(ex, train.Defaults)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		fmt.Fprintln(os.Stderr, "train-funnel:", err)
		os.Exit(1)
	}
	if err := atomicfile.WriteBytes(*out, buf.Bytes(), atomicfile.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "train-funnel:", err)
		os.Exit(1)
	}
	fmt.Printf("train-funnel: %d sites, %d assets; %s; wrote %s (%d bytes)\n", len(sites), len(ex), train.Describe(m), *out, buf.Len())
}
