package markup

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/msglint/msglint/bench/gen"
)

// BenchmarkMarkdownCorpus extracts 300 files of the generated benchmark
// corpus (see bench/gen) per op, one after another: front matter, headings,
// lists, tables, code and links, as `make bench` sees them.
func BenchmarkMarkdownCorpus(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Files: 300, Terms: 100, Rate: 0.15, Seed: 42}); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatal("no files", err)
	}
	var srcs [][]byte
	var total int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		total += int64(len(src))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			if _, err := Markdown(files[i], src, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
