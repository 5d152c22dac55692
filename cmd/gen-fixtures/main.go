// Command gen-fixtures writes the generated office and PDF files:
//
//	go run ./cmd/gen-fixtures -fixtures extract
//	go run ./cmd/gen-fixtures -examples examples/decks
//
// -fixtures takes the extract folder and writes each fixture next to the
// tests of its kind: PDFs to pdf/testdata/fixtures, the office formats to
// office/testdata/fixtures.
//
// The files are built by internal/officegen from text in that package;
// the output is deterministic (no timestamps), so regenerating gives the
// same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/msglint/msglint/internal/officegen"
)

func main() {
	fixtures := flag.String("fixtures", "", "write the extractor test fixtures under this extract folder (office/testdata/fixtures, pdf/testdata/fixtures)")
	examples := flag.String("examples", "", "write the Acme example deck, document and PDF to this folder")
	flag.Parse()
	if *fixtures == "" && *examples == "" {
		fmt.Fprintln(os.Stderr, "usage: gen-fixtures [-fixtures DIR] [-examples DIR]")
		os.Exit(2)
	}
	code := 0
	type job struct {
		dir   string
		files []officegen.File
	}
	var jobs []job
	if *fixtures != "" {
		var office, pdf []officegen.File
		for _, f := range officegen.Fixtures {
			if filepath.Ext(f.Name) == ".pdf" {
				pdf = append(pdf, f)
			} else {
				office = append(office, f)
			}
		}
		jobs = append(jobs, job{filepath.Join(*fixtures, "office", "testdata", "fixtures"), office},
			job{filepath.Join(*fixtures, "pdf", "testdata", "fixtures"), pdf})
	}
	jobs = append(jobs, job{*examples, officegen.Examples})
	for _, job := range jobs {
		if job.dir == "" {
			continue
		}
		if err := write(job.dir, job.files); err != nil {
			fmt.Fprintln(os.Stderr, "gen-fixtures:", err)
			code = 1
		}
	}
	os.Exit(code)
}

func write(dir string, files []officegen.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		b, err := f.Build()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", p)
	}
	return nil
}
