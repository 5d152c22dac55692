package report

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkJSONAssets writes the asset records of a bench-like run: 10,000
// assets naming 7 of 1,000 products each (go test -bench JSONAssets ./report).
func BenchmarkJSONAssets(b *testing.B) {
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("Initrode Product%dName", i)
	}
	o := &JSONOutput{Version: 1, Findings: []JSONFinding{}}
	for i := 0; i < 10000; i++ {
		ps := make([]string, 7)
		for j := range ps {
			ps[j] = names[(i*7+j*131)%len(names)]
		}
		o.Assets = append(o.Assets, JSONAsset{Path: fmt.Sprintf("content/%03d/page-%05d.md", i/100, i), Format: "markdown",
			Title: fmt.Sprintf("Page %d of the product tour", i), Stage: "consideration", StageSource: "content",
			Confidence: 0.84, RunnerUp: "decision", RunnerUpConfidence: 0.09,
			Evidence: []string{"structure: 15-35% of lines code", "heading: 'building'"}, Products: ps})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := writeJSONOutput(io.Discard, o, outputElems(o)); err != nil {
			b.Fatal(err)
		}
	}
}
