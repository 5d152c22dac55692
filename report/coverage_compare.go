package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
)

// CoverageDiff is what changed since an earlier `msglint report --format
// json`: gaps opened and closed, assets whose stage changed, assets added
// and removed, findings added and fixed. Paths are compared as both
// reports show them (run both from the same folder).
type CoverageDiff struct {
	Old                      string // the earlier report's file name, as given
	GapsOpened, GapsClosed   []CoverageJSONGap
	StageChanged             []StageChange
	Added, Removed           []string
	OldAssets, NewAssets     int
	OldGapCount, NewGapCount int

	// FindingsCompared: the earlier report carries findings (a report
	// from before they were written has none to compare).
	FindingsCompared             bool
	OldFindings, NewFindings     int
	FindingsAdded, FindingsFixed []CoverageJSONFinding
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

// CompareCoverage compares an earlier report with the model and the
// run's findings (paths as the report shows them).
func CompareCoverage(name string, old *CoverageJSONOutput, c *coverage.Model, findings []lint.Finding) *CoverageDiff {
	d := &CoverageDiff{Old: name, OldAssets: len(old.Assets), NewAssets: len(c.Assets), OldGapCount: len(old.Gaps), NewGapCount: len(c.Gaps)}
	if old.Findings != nil {
		now := make([]CoverageJSONFinding, len(findings))
		for i := range findings {
			now[i] = NewCoverageJSONFinding(&findings[i])
		}
		d.FindingsCompared, d.OldFindings, d.NewFindings = true, len(old.Findings), len(now)
		d.FindingsAdded, d.FindingsFixed = compareFindings(old.Findings, now)
	}
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

// findingKey identifies a finding from one report to the next by its
// rule, path, message and excerpt, not its line: an edit above it moves
// its line, not its key. The message's numbers are left out ("written
// \"People Ops\" elsewhere in 162 places" counts other files, which
// change); the excerpt keeps the finding's own. Two findings with one key
// (the same text twice in a file) are counted, not told apart.
func findingKey(f *CoverageJSONFinding) string {
	return strings.Join([]string{f.Rule, f.Path, digits.ReplaceAllString(f.Message, "#"), f.Excerpt}, "\x00")
}

var digits = regexp.MustCompile(`[0-9]+`)

// compareFindings returns the findings of now beyond the earlier count
// of their key (added) and those of old beyond the present count
// (fixed), each in its report's order.
func compareFindings(old, now []CoverageJSONFinding) (added, fixed []CoverageJSONFinding) {
	oldN := make(map[string]int, len(old))
	for i := range old {
		oldN[findingKey(&old[i])]++
	}
	nowN := make(map[string]int, len(now))
	for i := range now {
		k := findingKey(&now[i])
		nowN[k]++
		if nowN[k] > oldN[k] {
			added = append(added, now[i])
		}
	}
	seen := make(map[string]int, len(old))
	for i := range old {
		k := findingKey(&old[i])
		seen[k]++
		if seen[k] > nowN[k] {
			fixed = append(fixed, old[i])
		}
	}
	return added, fixed
}
