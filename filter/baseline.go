package filter

import (
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"strings"

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
// at once) for a run whose config lies in configDir (absolute).
//
// Findings are matched on paths relative to the config's folder, so a
// baseline matches whatever the working folder: --write-baseline writes
// such paths, and a --format json document written from another folder
// names that folder in its path_base, with which its paths are turned
// back into config-relative ones.
func LoadBaseline(file, configDir string) (*Baseline, error) {
	data, err := safeopen.ReadFile(file, maxBaseline)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return ParseBaselineIn(file, data, configDir)
}

// ParseBaseline parses a baseline (name is used in errors) without
// knowing the config's folder: a path_base that climbs out of it ("..")
// is then applied as text only.
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	return ParseBaselineIn(name, data, "")
}

// ParseBaselineIn parses a baseline for a run whose config lies in
// configDir (see LoadBaseline).
func ParseBaselineIn(name string, data []byte, configDir string) (*Baseline, error) {
	var doc report.JSONOutput
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s: not a msglint JSON report: %v", name, err)
	}
	if doc.Version != 1 {
		return nil, fmt.Errorf("baseline %s: schema version %d, want 1 (write one with --write-baseline or --format json)", name, doc.Version)
	}
	b := &Baseline{counts: map[baselineKey]int{}, Len: len(doc.Findings)}
	for _, f := range doc.Findings {
		b.counts[keyOf(f.Rule, configRel(f.Path, doc.PathBase, configDir), f.Match, f.Context)]++
	}
	return b, nil
}

// configRel turns a path relative to base (itself relative to the
// config's folder) into the run's form: relative to the config's folder,
// or absolute outside it.
func configRel(p, base, configDir string) string {
	if base == "" || p == "" || p == "." || filepath.IsAbs(filepath.FromSlash(p)) {
		return p
	}
	if configDir == "" {
		return path.Join(base, p)
	}
	abs := filepath.Join(configDir, filepath.FromSlash(base), filepath.FromSlash(p))
	rel, err := filepath.Rel(configDir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
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
