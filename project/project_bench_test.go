package project

import (
	"fmt"
	"testing"

	"github.com/msglint/msglint/bench/gen"
)

// BenchmarkEngine lints a generated corpus of 500 Markdown files with
// glossaries of 10, 100 and 1,000 terms; the cost per file should barely
// grow with the glossary. `make bench` measures the whole CLI at scale.
func BenchmarkEngine(b *testing.B) {
	for _, g := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("terms=%d", g), func(b *testing.B) {
			dir := b.TempDir()
			key, err := gen.Write(dir, gen.Options{Files: 500, Terms: g, Rate: 0.15, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			p, err := Load(dir, "")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(key.Bytes)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := p.Run(Options{Paths: []string{dir}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
