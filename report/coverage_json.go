package report

import (
	"encoding/json"
	"io"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
)

// The `msglint report --format json` schema, version 1. These
// types are the schema; the report model is converted, never marshalled.

// CoverageJSONOutput is the whole document.
type CoverageJSONOutput struct {
	Version   int                   `json:"version"`
	Assets    []JSONAsset           `json:"assets"`
	Matrices  CoverageJSONMatrices  `json:"matrices"`
	Gaps      []CoverageJSONGap     `json:"gaps"`
	Alignment CoverageJSONAlignment `json:"alignment"`
	// Findings are the run's findings (the enabled rules, as check runs
	// them), for --compare. Absent (nil) in a document from an msglint
	// that wrote none.
	Findings []CoverageJSONFinding `json:"findings"`
}

// CoverageJSONFinding is one finding, with the excerpt --compare keys it
// by (excerpt: the text around the match, else the trimmed source line,
// at most 160 characters).
type CoverageJSONFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Location string `json:"location,omitempty"`
	Message  string `json:"message"`
	Excerpt  string `json:"excerpt,omitempty"`
}

// NewCoverageJSONFinding converts a finding, its path as given.
func NewCoverageJSONFinding(f *lint.Finding) CoverageJSONFinding {
	return CoverageJSONFinding{Rule: f.Rule, Severity: f.Severity.String(), Path: f.Path, Line: f.Line,
		Location: f.Loc, Message: f.Message, Excerpt: excerpt(f)}
}

// CoverageJSONMatrix maps a row key to stage -> asset paths (every stage
// present, [] when empty).
type CoverageJSONMatrix map[string]map[string][]string

// CoverageJSONMatrices are the three matrices.
type CoverageJSONMatrices struct {
	ProductStage   CoverageJSONMatrix `json:"product_stage"`
	AudienceStage  CoverageJSONMatrix `json:"audience_stage"`
	ObjectionStage CoverageJSONMatrix `json:"objection_stage"`
}

// CoverageJSONGap is a product x stage cell below coverage.min.
type CoverageJSONGap struct {
	Product string `json:"product"`
	Stage   string `json:"stage"`
	Grade   string `json:"grade"`
}

// CoverageJSONAlignment is marketing against sales (every team).
type CoverageJSONAlignment struct {
	AudiencesOnly map[string][]string                 `json:"audiences_only,omitempty"`
	Products      map[string]CoverageJSONProductAlign `json:"products,omitempty"`
}

// CoverageJSONProductAlign is one product's claims and forms per team.
type CoverageJSONProductAlign struct {
	ClaimsOnly map[string][]string `json:"claims_only"`
	FormsOnly  map[string][]string `json:"forms_only"`
}

// NewCoverageJSON converts the model and the findings to the schema.
func NewCoverageJSON(c *coverage.Model, findings []lint.Finding) *CoverageJSONOutput {
	out := &CoverageJSONOutput{Version: 1, Assets: []JSONAsset{}, Gaps: []CoverageJSONGap{},
		Findings: make([]CoverageJSONFinding, len(findings))}
	for i := range findings {
		out.Findings[i] = NewCoverageJSONFinding(&findings[i])
	}
	for _, a := range c.Assets {
		out.Assets = append(out.Assets, NewJSONAsset(a))
	}
	out.Matrices = CoverageJSONMatrices{
		ProductStage:   jsonMatrix(c.Products),
		AudienceStage:  jsonMatrix(c.Audiences),
		ObjectionStage: jsonMatrix(c.Objections),
	}
	for _, g := range c.Gaps {
		out.Gaps = append(out.Gaps, CoverageJSONGap{Product: g.Product, Stage: g.Stage, Grade: g.Grade})
	}
	if len(c.Alignment.Teams) > 0 {
		out.Alignment.AudiencesOnly = c.Alignment.AudiencesOnly
		if len(c.Alignment.Products) > 0 {
			out.Alignment.Products = map[string]CoverageJSONProductAlign{}
		}
		for _, p := range c.Alignment.Products {
			out.Alignment.Products[p.Product] = CoverageJSONProductAlign{ClaimsOnly: p.ClaimsOnly, FormsOnly: p.FormsOnly}
		}
	}
	return out
}

func jsonMatrix(rows []coverage.Row) CoverageJSONMatrix {
	m := CoverageJSONMatrix{}
	for _, r := range rows {
		cells := map[string][]string{}
		for _, c := range r.Cells {
			cells[c.Stage] = c.Assets
		}
		m[r.Key] = cells
	}
	return m
}

// CoverageJSON writes the report as JSON, with no finding.
func CoverageJSON(w io.Writer, c *coverage.Model) error { return CoverageJSONFindings(w, c, nil) }

// CoverageJSONFindings writes the report as JSON, with the findings.
func CoverageJSONFindings(w io.Writer, c *coverage.Model, findings []lint.Finding) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewCoverageJSON(c, findings))
}
