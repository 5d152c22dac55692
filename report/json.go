package report

import (
	"io"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// The JSON output schema, version 1. These types are the schema:
// they are written explicitly, never an internal struct marshalled.

// JSONOutput is the document `msglint check --format json` writes.
type JSONOutput struct {
	Version int      `json:"version"`
	Tool    JSONTool `json:"tool"`
	// PathBase is the folder the paths are relative to (the working
	// folder of the run), relative to the config's folder, with '/';
	// omitted when it is the config's folder. A baseline read from this
	// document uses it to match paths from any working folder.
	PathBase string        `json:"path_base,omitempty"`
	Findings []JSONFinding `json:"findings"`
	Assets   []JSONAsset   `json:"assets"`
	Summary  JSONSummary   `json:"summary"`
}

// JSONTool names the tool.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONFinding is one finding.
type JSONFinding struct {
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Path      string        `json:"path"`
	Line      int           `json:"line,omitempty"`
	Column    int           `json:"column,omitempty"`
	EndLine   int           `json:"end_line,omitempty"`
	EndColumn int           `json:"end_column,omitempty"`
	Location  string        `json:"location,omitempty"`
	Match     string        `json:"match,omitempty"`
	Context   string        `json:"context,omitempty"`
	Fix       *JSONFix      `json:"fix,omitempty"`
	Related   []JSONRelated `json:"related,omitempty"`
}

// JSONFix is a finding's replacement text.
type JSONFix struct {
	Replacement string `json:"replacement"`
}

// JSONRelated is another place involved in a finding.
type JSONRelated struct {
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Location string `json:"location,omitempty"`
	Match    string `json:"match,omitempty"`
}

// JSONAsset is one file's asset record.
type JSONAsset struct {
	Path        string  `json:"path"`
	Format      string  `json:"format"`
	Title       string  `json:"title,omitempty"`
	Stage       string  `json:"stage,omitempty"`
	StageSource string  `json:"stage_source,omitempty"`
	Confidence  float64 `json:"confidence,omitempty"`
	// RunnerUp is the second most likely stage when the stage was decided
	// from content, with its probability.
	RunnerUp           string   `json:"runner_up,omitempty"`
	RunnerUpConfidence float64  `json:"runner_up_confidence,omitempty"`
	Evidence           []string `json:"evidence,omitempty"`
	Team               string   `json:"team,omitempty"`
	Audiences          []string `json:"audiences,omitempty"`
	Objections         []string `json:"objections,omitempty"`
	Products           []string `json:"products,omitempty"`
	Backend            string   `json:"backend,omitempty"`
}

// JSONSummary counts files and findings.
type JSONSummary struct {
	Files    int `json:"files"`
	Skipped  int `json:"skipped"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// NewJSONOutput converts a result to the version 1 schema.
func NewJSONOutput(res *driver.Result, meta *Meta) *JSONOutput {
	assets := funnel.AssetsOf(res.Analyses)
	out := newJSONDoc(res, meta)
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Infos = res.Counts()
	out.Assets = make([]JSONAsset, 0, len(assets))
	for _, a := range assets {
		out.Assets = append(out.Assets, jsonAsset(a, meta))
	}
	out.Findings = make([]JSONFinding, 0, len(res.Findings))
	for i := range res.Findings {
		out.Findings = append(out.Findings, jsonFinding(&res.Findings[i], meta))
	}
	return out
}

// newJSONDoc is the document without its findings, assets and counts.
func newJSONDoc(res *driver.Result, meta *Meta) *JSONOutput {
	return &JSONOutput{Version: 1, Tool: JSONTool{Name: meta.ToolName, Version: meta.ToolVersion},
		PathBase: meta.Paths.Base(), Summary: JSONSummary{Files: res.Files, Skipped: res.Skipped}}
}

// jsonAsset converts one asset record, its path as meta shows it.
func jsonAsset(a *funnel.Asset, meta *Meta) JSONAsset {
	ja := NewJSONAsset(a)
	ja.Path = meta.show(ja.Path)
	return ja
}

// NewJSONFinding converts one diagnostic, its paths as the run reported
// them.
func NewJSONFinding(d *lint.Finding) JSONFinding { return jsonFinding(d, nil) }

// jsonFinding converts one diagnostic, with its paths as meta shows them.
func jsonFinding(d *lint.Finding, meta *Meta) JSONFinding {
	f := JSONFinding{Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message, Path: meta.show(d.Path),
		Line: d.Line, Column: d.Col, EndLine: d.EndLine, EndColumn: d.EndCol, Location: d.Loc,
		Match: d.Match, Context: d.Context}
	if d.Fix != nil {
		f.Fix = &JSONFix{Replacement: d.Fix.Replacement}
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, JSONRelated{Path: meta.show(r.Path), Line: r.Line, Column: r.Col, Location: r.Loc, Match: r.Match})
	}
	return f
}

// NewJSONAsset converts one asset.
func NewJSONAsset(a *funnel.Asset) JSONAsset {
	return JSONAsset{Path: a.Path, Format: a.Format, Title: a.Title, Stage: a.Stage, StageSource: a.StageSource,
		Confidence: a.Confidence, RunnerUp: a.RunnerUp, RunnerUpConfidence: a.RunnerUpConfidence, Evidence: a.Evidence, Team: a.Team, Audiences: a.Audiences,
		Objections: a.Objections, Products: a.Products, Backend: a.Backend}
}

// JSON writes the version 1 JSON document: the bytes encoding/json writes
// with two-space indentation and HTML escaping off, from a faster encoder
// (jsonwrite.go).
//
// The findings are converted as they are encoded, in chunks written as
// they are ready: no copy of the result and no buffer of the whole
// document.
//
// The findings come batch by batch (driver.Result.EachBatch): a streamed
// result's are read a few files at a time as they are written, and the
// summary, written last, has the counts of the pass that was written.
func JSON(w io.Writer, res *driver.Result, meta *Meta) error {
	assets := funnel.AssetsOf(res.Analyses)
	o := newJSONDoc(res, meta)
	return writeJSONOutput(w, o, jsonElems{
		batches: func(write func(n int, finding func(i int) JSONFinding) error) error {
			if err := res.EachBatch(func(fs []lint.Finding) error {
				return write(len(fs), func(i int) JSONFinding { return jsonFinding(&fs[i], meta) })
			}); err != nil {
				return err
			}
			o.Summary.Errors, o.Summary.Warnings, o.Summary.Infos = res.Counts()
			return nil
		},
		assets: len(assets), asset: func(i int) JSONAsset { return jsonAsset(assets[i], meta) }, confidences: func(i int) (float64, float64) { return assets[i].Confidence, assets[i].RunnerUpConfidence }})
}
