package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/msglint/msglint/rules/coverage"
)

// CoverageDiff is what changed since an earlier `msglint report --format
// json`: gaps opened and closed, assets whose stage changed, assets added
// and removed. Paths are compared as both reports show them (run both
// from the same folder).
type CoverageDiff struct {
	Old                      string // the earlier report's file name, as given
	GapsOpened, GapsClosed   []CoverageJSONGap
	StageChanged             []StageChange
	Added, Removed           []string
	OldAssets, NewAssets     int
	OldGapCount, NewGapCount int
}

// StageChange is an asset whose stage changed.
type StageChange struct {
	Path, From, To string
}

// ReadCoverageJSON reads a `msglint report --format json` document.
func ReadCoverageJSON(r io.Reader) (*CoverageJSONOutput, error) {
	var out CoverageJSONOutput
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("not a msglint report --format json document: %w", err)
	}
	if out.Version != 1 {
		return nil, fmt.Errorf("report JSON version %d (want 1)", out.Version)
	}
	return &out, nil
}

// CompareCoverage compares an earlier report with the model.
func CompareCoverage(name string, old *CoverageJSONOutput, c *coverage.Model) *CoverageDiff {
	d := &CoverageDiff{Old: name, OldAssets: len(old.Assets), NewAssets: len(c.Assets), OldGapCount: len(old.Gaps), NewGapCount: len(c.Gaps)}
	key := func(product, stage string) [2]string { return [2]string{product, stage} }
	oldGaps := map[[2]string]bool{}
	for _, g := range old.Gaps {
		oldGaps[key(g.Product, g.Stage)] = true
	}
	newGaps := map[[2]string]bool{}
	for _, g := range c.Gaps {
		newGaps[key(g.Product, g.Stage)] = true
		if !oldGaps[key(g.Product, g.Stage)] {
			d.GapsOpened = append(d.GapsOpened, CoverageJSONGap{Product: g.Product, Stage: g.Stage, Grade: g.Grade})
		}
	}
	for _, g := range old.Gaps {
		if !newGaps[key(g.Product, g.Stage)] {
			d.GapsClosed = append(d.GapsClosed, g)
		}
	}
	oldStage := map[string]string{}
	for _, a := range old.Assets {
		oldStage[a.Path] = a.Stage
	}
	seen := map[string]bool{}
	for _, a := range c.Assets {
		seen[a.Path] = true
		st, ok := oldStage[a.Path]
		switch {
		case !ok:
			d.Added = append(d.Added, a.Path)
		case st != a.Stage:
			d.StageChanged = append(d.StageChanged, StageChange{Path: a.Path, From: st, To: a.Stage})
		}
	}
	for _, a := range old.Assets {
		if !seen[a.Path] {
			d.Removed = append(d.Removed, a.Path)
		}
	}
	slices.Sort(d.Removed)
	return d
}
