// Package coverage is msglint's one coverage model: the product x stage,
// audience x stage and objection x stage matrices over the funnel stages,
// the gaps, and the alignment of teams. The coverage/gap rule reports from
// it and `msglint report` renders it (package report renders only). The
// Usage analysis collects the name forms and claims each asset uses, for
// the alignment section.
package coverage

import (
	"slices"
	"sort"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/rules/funnel"
)

// Cell grades.
const (
	GradeGap      = "gap"      // no asset
	GradeThin     = "thin"     // below coverage.min (when it is above 1)
	GradeAdequate = "adequate" // at least coverage.min
	GradeStrong   = "strong"   // 3 or more
	GradeCrowded  = "crowded"  // 5 or more: other cells need the effort more
)

// Grades lists the grades from worst to best-covered.
var Grades = []string{GradeGap, GradeThin, GradeAdequate, GradeStrong, GradeCrowded}

// Grade grades a cell of n assets against coverage.min.
func Grade(n, min int) string {
	switch {
	case n == 0:
		return GradeGap
	case n < min:
		return GradeThin
	case n >= 5:
		return GradeCrowded
	case n >= 3:
		return GradeStrong
	}
	return GradeAdequate
}

// Model is the coverage of a corpus: assets, matrices, gaps and
// alignment, built from the funnel stages and the config. Renderers only
// format it.
type Model struct {
	Stages     []string
	Min        int
	Assets     []*funnel.Asset
	Products   []Row // product x stage (terms of kind product or feature)
	Audiences  []Row // audience x stage
	Objections []Row // objection x stage
	Gaps       []GapCell
	Alignment  Alignment
	Unknown    int // assets whose stage is unknown
	// MinConfidence is coverage.min_confidence; LowConfidence counts the
	// assets with a stage below it (they count in no cell).
	MinConfidence float64
	LowConfidence int
	cov           *config.Coverage
	Files         int
	Skipped       int
	// ClaimsKnown says whether claim usage was collected (Usage.Claims != nil).
	ClaimsKnown bool
}

// Row is one row of a matrix.
type Row struct {
	Key   string // id (products), name (audiences, objections)
	Label string // display name (the product's canonical name)
	Cells []Cell // one per stage, in stage order
}

// Cell is one matrix cell.
type Cell struct {
	Stage  string
	Assets []string // paths, sorted
	Grade  string
}

// GapCell is a product x stage cell below coverage.min.
type GapCell struct {
	Product string // key
	Label   string // canonical name
	Stage   string
	Grade   string
	Count   int
}

// Alignment compares what each team does (marketing against sales,
// generalised to every team): audiences only one team targets, and per product the claims and
// the naming forms only one team uses.
type Alignment struct {
	Teams         []string            // teams that own at least one asset, config order
	AudiencesOnly map[string][]string // team -> audiences no other team targets
	Products      []ProductAlignment
}

// ProductAlignment is one product's claims and forms per team.
type ProductAlignment struct {
	Product    string
	Label      string
	ClaimsOnly map[string][]string // team -> claim ids no other team uses
	FormsOnly  map[string][]string // team -> surface forms no other team uses
}

// Build builds the model of assets (every file of the run, in path order;
// files read and skipped are counted for the summary). u may be nil: the
// alignment then says nothing about forms and claims.
func Build(cfg *config.Config, assets []*funnel.Asset, files, skipped int, u *Usage) *Model {
	if u == nil {
		u = &Usage{}
	}
	c, cfg, productKeys, labels := productModel(cfg, assets)
	c.Files, c.Skipped, c.ClaimsKnown = files, skipped, u.Claims != nil
	for _, a := range assets {
		if !slices.Contains(c.Stages, a.Stage) {
			c.Unknown++
		} else if !cfg.Coverage.Counts(a.Confidence) {
			c.LowConfidence++
		}
	}
	c.Audiences = c.matrix(withExtra(ordered(cfg.Audiences, cfg.AudienceOrder), assets, func(a *funnel.Asset) []string { return a.Audiences }),
		nil, func(a *funnel.Asset) []string { return a.Audiences })
	c.Objections = c.matrix(withExtra(ordered(cfg.Objections, cfg.ObjectionOrder), assets, func(a *funnel.Asset) []string { return a.Objections }),
		nil, func(a *funnel.Asset) []string { return a.Objections })
	c.Alignment = alignment(cfg, assets, productKeys, labels, u)
	return c
}

// ProductGaps is the model's product x stage matrix and its gaps alone
// (what coverage/gap reports), without the rest of Build's work.
func ProductGaps(cfg *config.Config, assets []*funnel.Asset) *Model {
	c, _, _, _ := productModel(cfg, assets)
	return c
}

// productModel starts the model: stages, the product x stage matrix
// (terms of kind product or feature, one row per key, in glossary order)
// and its gaps. It returns the config used (the default one for nil), the
// product keys and their labels.
func productModel(cfg *config.Config, assets []*funnel.Asset) (*Model, *config.Config, []string, map[string]string) {
	if cfg == nil {
		cfg = config.Default(".")
	}
	c := &Model{Stages: cfg.Funnel.Stages, Min: cfg.Coverage.Min, MinConfidence: cfg.Coverage.MinConfidence, cov: &cfg.Coverage, Assets: assets}
	if len(c.Stages) == 0 {
		c.Stages = config.DefaultStages
	}
	var productKeys []string
	labels := map[string]string{}
	for i := range cfg.Terms {
		t := &cfg.Terms[i]
		if t.Kind != config.KindProduct && t.Kind != config.KindFeature {
			continue
		}
		k := t.Key()
		if _, dup := labels[k]; dup {
			continue
		}
		productKeys = append(productKeys, k)
		labels[k] = t.Name
	}
	c.Products = c.matrix(productKeys, labels, func(a *funnel.Asset) []string { return a.Products })
	for _, r := range c.Products {
		for _, cell := range r.Cells {
			if len(cell.Assets) < c.Min {
				c.Gaps = append(c.Gaps, GapCell{Product: r.Key, Label: r.Label, Stage: cell.Stage, Grade: cell.Grade, Count: len(cell.Assets)})
			}
		}
	}
	return c, cfg, productKeys, labels
}

// Counts reports whether the asset counts in the coverage cells (its
// confidence reaches coverage.min_confidence).
func (c *Model) Counts(a *funnel.Asset) bool {
	if c.cov == nil {
		return true
	}
	return c.cov.Counts(a.Confidence)
}

// matrix builds rows x stages from the assets' tags, in one pass over
// the assets.
func (c *Model) matrix(keys []string, labels map[string]string, tags func(*funnel.Asset) []string) []Row {
	var rows []Row
	type at struct{ row, col int }
	index := map[[2]string]at{}
	for ri, k := range keys {
		r := Row{Key: k, Label: k}
		if l, ok := labels[k]; ok {
			r.Label = l
		}
		for ci, st := range c.Stages {
			r.Cells = append(r.Cells, Cell{Stage: st, Assets: []string{}})
			if _, dup := index[[2]string{k, st}]; !dup {
				index[[2]string{k, st}] = at{ri, ci}
			}
		}
		rows = append(rows, r)
	}
	for _, a := range c.Assets {
		if !c.Counts(a) {
			continue
		}
		for _, k := range tags(a) {
			i, ok := index[[2]string{k, a.Stage}]
			if !ok {
				continue
			}
			cell := &rows[i.row].Cells[i.col]
			if n := len(cell.Assets); n > 0 && cell.Assets[n-1] == a.Path {
				continue // a tag listed twice
			}
			cell.Assets = append(cell.Assets, a.Path)
		}
	}
	for ri := range rows {
		for ci := range rows[ri].Cells {
			cell := &rows[ri].Cells[ci]
			sort.Strings(cell.Assets)
			cell.Grade = Grade(len(cell.Assets), c.Min)
		}
	}
	return rows
}

// ordered returns map keys in the config's order, then the rest sorted.
func ordered[V any](m map[string]V, order []string) []string {
	var out []string
	for _, k := range order {
		if _, ok := m[k]; ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(out, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// withExtra adds the tags assets carry that the config does not declare
// (front-matter audiences), sorted, after the declared ones.
func withExtra(keys []string, assets []*funnel.Asset, tags func(*funnel.Asset) []string) []string {
	var extra []string
	for _, a := range assets {
		for _, t := range tags(a) {
			if !slices.Contains(keys, t) && !slices.Contains(extra, t) {
				extra = append(extra, t)
			}
		}
	}
	sort.Strings(extra)
	return append(keys, extra...)
}

func alignment(cfg *config.Config, assets []*funnel.Asset, products []string, labels map[string]string, u *Usage) Alignment {
	al := Alignment{AudiencesOnly: map[string][]string{}}
	var teams []string
	for _, t := range ordered(cfg.Teams, cfg.TeamOrder) {
		for _, a := range assets {
			if a.Team == t {
				teams = append(teams, t)
				break
			}
		}
	}
	var extra []string
	for _, a := range assets {
		if a.Team != "" && !slices.Contains(teams, a.Team) && !slices.Contains(extra, a.Team) {
			extra = append(extra, a.Team)
		}
	}
	sort.Strings(extra)
	al.Teams = append(teams, extra...)
	if len(al.Teams) == 0 {
		return al
	}
	// only collects, per team, the items that none of the other teams
	// in among has; teams outside among get empty lists.
	only := func(byTeam map[string][]string, among []string) map[string][]string {
		out := map[string][]string{}
		for _, t := range al.Teams {
			list := []string{}
			if slices.Contains(among, t) && len(among) > 1 {
				for _, x := range byTeam[t] {
					shared := false
					for _, o := range among {
						if o != t && slices.Contains(byTeam[o], x) {
							shared = true
							break
						}
					}
					if !shared {
						list = append(list, x)
					}
				}
			}
			sort.Strings(list)
			out[t] = list
		}
		return out
	}
	add := func(m map[string][]string, team string, items ...string) {
		for _, x := range items {
			if !slices.Contains(m[team], x) {
				m[team] = append(m[team], x)
			}
		}
	}
	aud := map[string][]string{}
	for _, a := range assets {
		if a.Team != "" {
			add(aud, a.Team, a.Audiences...)
		}
	}
	al.AudiencesOnly = only(aud, al.Teams)
	// Per product, only the teams that mention it are compared: a form
	// or claim is one team's own when another team also writes about
	// the product but never uses it.
	for _, p := range products {
		forms, claims := map[string][]string{}, map[string][]string{}
		var among []string
		for _, a := range assets {
			if a.Team == "" || !slices.Contains(a.Products, p) {
				continue
			}
			if !slices.Contains(among, a.Team) {
				among = append(among, a.Team)
			}
			add(forms, a.Team, u.Forms[a.Path][p]...)
			add(claims, a.Team, u.Claims[a.Path][p]...)
		}
		al.Products = append(al.Products, ProductAlignment{Product: p, Label: labels[p],
			FormsOnly: only(forms, among), ClaimsOnly: only(claims, among)})
	}
	return al
}
