package filter

import (
	"encoding/json"
	"fmt"

	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/report"
)

// Baseline is the findings of an earlier run (its `--format json`
// document), as a multiset keyed by rule, path, matched text and
// surrounding text. Line numbers are not part of the key, so edits
// elsewhere in a file do not bring old findings back.
type Baseline struct {
	counts map[baselineKey]int
	// Len is the number of findings in the file.
	Len int
}

type baselineKey struct{ rule, path, match, context string }

func keyOf(rule, path, match, context string) baselineKey {
	return baselineKey{rule, path, match, context}
}

// maxBaseline bounds the size of a baseline file.
const maxBaseline = 1 << 30

// LoadBaseline reads a baseline file (a regular file: a FIFO is refused
// at once).
func LoadBaseline(path string) (*Baseline, error) {
	data, err := safeopen.ReadFile(path, maxBaseline)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ParseBaseline(path, data)
}

// ParseBaseline parses a baseline (name is used in errors).
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	var doc report.JSONOutput
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s: not a msglint JSON report: %v", name, err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("baseline %s: schema version %d, want 1 (write one with --write-baseline or --format json)", name, doc.Version)
	}
	b := &Baseline{counts: map[baselineKey]int{}, Len: len(doc.Findings)}
	for _, f := range doc.Findings {
		b.counts[keyOf(f.Rule, f.Path, f.Match, f.Context)]++
	}
	return b, nil
}

// Filter drops the findings the baseline holds. Matching is a multiset:
// with two identical findings in the baseline and three in the run, one
// is reported (the last in order).
func (b *Baseline) Filter(ds []lint.Finding) []lint.Finding {
	left := make(map[baselineKey]int, len(b.counts))
	for k, n := range b.counts {
		left[k] = n
	}
	out := ds[:0:0]
	for i := range ds {
		d := &ds[i]
		k := keyOf(d.Rule, d.Path, d.Match, d.Context)
		if left[k] > 0 {
			left[k]--
			continue
		}
		out = append(out, *d)
	}
	return out
}
