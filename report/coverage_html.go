package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/msglint/msglint/rules/coverage"
)

// CoverageHTML writes the report as one self-contained HTML file: inline
// CSS, no script, no font, no external resource. html/template escapes
// every piece of content (titles, paths, evidence, names) in its context.
func CoverageHTML(w io.Writer, c *coverage.Model) error {
	return CoverageHTMLMeta(w, c, &CoverageMeta{})
}

// CoverageHTMLMeta writes the page with its header (meta).
func CoverageHTMLMeta(w io.Writer, c *coverage.Model, meta *CoverageMeta) error {
	v := newHTMLView(c)
	v.M = meta
	return htmlTemplate.Execute(w, v)
}

// htmlView is what the template shows, computed in Go so the template
// stays a layout.
type htmlView struct {
	C          *coverage.Model
	M          *CoverageMeta
	Matrices   []htmlMatrix
	Assets     []htmlAsset
	Grades     []string
	HasTeams   bool
	AlignRows  []htmlAlignRow
	StageCount map[string]int
}

type htmlMatrix struct {
	Title, Head string
	Stages      []string
	Rows        []htmlRow
	Gaps        bool // grade cells against coverage.min (products only)
}

type htmlRow struct {
	Label, Key string
	Cells      []htmlCell
}

type htmlCell struct {
	Count int
	Class string
	Grade string
	Shown [][]string // paths split after each '/', so lines break there
	More  [][]string
}

// pathParts splits a path after each '/' (the template puts a line-break
// opportunity between the parts).
func pathParts(paths []string) [][]string {
	var out [][]string
	for _, p := range paths {
		var parts []string
		for {
			i := strings.IndexByte(p, '/')
			if i < 0 {
				break
			}
			parts = append(parts, p[:i+1])
			p = p[i+1:]
		}
		out = append(out, append(parts, p))
	}
	return out
}

type htmlAsset struct {
	Path, Title, Format, Stage, Source, Team string
	Pct                                      int
	Confidence                               string
	Audiences, Objections, Products          string
	Evidence                                 []string
}

type htmlAlignRow struct {
	Product string // "" for the audiences row
	What    string
	ByTeam  [][]string // per team, in Alignment.Teams order
}

// cellShown is how many assets a cell lists before folding the rest.
const cellShown = 5

func newHTMLView(c *coverage.Model) *htmlView {
	v := &htmlView{C: c, Grades: coverage.Grades, HasTeams: len(c.Alignment.Teams) > 0, StageCount: map[string]int{}}
	for _, a := range c.Assets {
		v.StageCount[a.Stage]++
	}
	for _, m := range []struct {
		title, head string
		rows        []coverage.Row
		gaps        bool
	}{
		{"Product × stage", "Product", c.Products, true},
		{"Audience × stage", "Audience", c.Audiences, false},
		{"Objection × stage", "Objection", c.Objections, false},
	} {
		hm := htmlMatrix{Title: m.title, Head: m.head, Stages: c.Stages, Gaps: m.gaps}
		for _, r := range m.rows {
			hr := htmlRow{Label: r.Label, Key: r.Key}
			for _, cell := range r.Cells {
				hc := htmlCell{Count: len(cell.Assets), Grade: cell.Grade, Class: "g-" + cell.Grade}
				if !m.gaps && cell.Grade == coverage.GradeGap {
					hc.Class, hc.Grade = "g-none", "none"
				}
				if len(cell.Assets) > cellShown+1 {
					hc.Shown, hc.More = pathParts(cell.Assets[:cellShown]), pathParts(cell.Assets[cellShown:])
				} else {
					hc.Shown = pathParts(cell.Assets)
				}
				hr.Cells = append(hr.Cells, hc)
			}
			hm.Rows = append(hm.Rows, hr)
		}
		if len(hm.Rows) > 0 {
			v.Matrices = append(v.Matrices, hm)
		}
	}
	for _, a := range c.Assets {
		pct := int(a.Confidence*100 + 0.5)
		conf := fmt.Sprintf("%.2f", a.Confidence)
		if a.Stage != "unknown" && !c.Counts(a) {
			conf += " (low: counted in no cell)"
		}
		v.Assets = append(v.Assets, htmlAsset{Path: a.Path, Title: a.Title, Format: a.Format, Stage: a.Stage,
			Source: a.StageSource, Team: a.Team, Pct: max(0, min(100, pct)), Confidence: conf,
			Audiences: strings.Join(a.Audiences, ", "), Objections: strings.Join(a.Objections, ", "),
			Products: strings.Join(a.Products, ", "), Evidence: a.Evidence})
	}
	al := c.Alignment
	if len(al.Teams) > 0 {
		row := htmlAlignRow{What: "Audiences only this team targets"}
		for _, t := range al.Teams {
			row.ByTeam = append(row.ByTeam, al.AudiencesOnly[t])
		}
		v.AlignRows = append(v.AlignRows, row)
		for _, p := range al.Products {
			for _, kv := range []struct {
				what string
				m    map[string][]string
			}{{"Names only this team uses", p.FormsOnly}, {"Claims only this team uses", p.ClaimsOnly}} {
				if !nonEmpty(kv.m) {
					continue
				}
				row := htmlAlignRow{Product: p.Label, What: kv.what}
				for _, t := range al.Teams {
					row.ByTeam = append(row.ByTeam, kv.m[t])
				}
				v.AlignRows = append(v.AlignRows, row)
			}
		}
	}
	return v
}

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"join":   strings.Join,
	"plural": plural,
}).Parse(htmlSource))

const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>msglint coverage report</title>
<style>
:root{--gap:#f3b0ad;--thin:#f8cf95;--adequate:#f4ecb0;--strong:#b5dfa8;--crowded:#9ccbe6;--none:#f1f1f1;--ink:#1d232b;--muted:#5d6773;--line:#d9dee4}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.muted{color:var(--muted)}
dl.meta{display:flex;flex-wrap:wrap;gap:2px 14px;margin:8px 0 0;font-size:12px;color:var(--muted)}
dl.meta dt{font-weight:600}dl.meta dt::after{content:":"}dl.meta dd{margin:0 0 0 -10px;overflow-wrap:anywhere}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.chip{border:1px solid var(--line);border-radius:6px;padding:6px 12px;background:#fafbfc}
.chip b{font-size:18px;display:block}
.chip.warn{background:var(--gap);border-color:#e39b97}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:6px 8px;vertical-align:top;text-align:left}
th{background:#f4f6f8;font-weight:600}
table.heat td.cell{width:210px;min-width:140px}
table.heat th.row{max-width:220px;overflow-wrap:anywhere}
.n{font-size:20px;font-weight:700;line-height:1.1}
.grade{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#39424d}
.g-gap{background:var(--gap)}.g-thin{background:var(--thin)}.g-adequate{background:var(--adequate)}
.g-strong{background:var(--strong)}.g-crowded{background:var(--crowded)}.g-none{background:var(--none)}
ul.files{margin:4px 0 0;padding-left:16px;font-size:12px}
ul.files li{overflow-wrap:break-word}
details summary{cursor:pointer;font-size:12px;color:var(--muted)}
.legend{display:flex;gap:6px;flex-wrap:wrap;margin:6px 0 10px;font-size:12px}
.legend span{padding:2px 8px;border-radius:4px;border:1px solid var(--line)}
ul.gaps{margin:0;padding-left:20px}
table.assets{width:100%;font-size:13px}
table.assets td.path{overflow-wrap:anywhere;max-width:300px}
.title{color:var(--muted);font-size:12px}
.stage{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8edf3;font-size:12px;white-space:nowrap}
.stage.unknown{background:#fde3e1}
.bar{width:70px;height:8px;background:#e8edf3;border-radius:4px;overflow:hidden;margin-top:4px}
.bar i{display:block;height:100%;background:#4a8bd6}
ul.ev{margin:0;padding-left:16px;font-size:12px;color:#39424d}
td.none{color:var(--muted)}
</style>
</head>
<body>
<h1>msglint coverage report</h1>
<div class="muted">Funnel stages, coverage of products by stage, and marketing–sales alignment.</div>
<dl class="meta">{{with .M.Date}}<dt>Date</dt><dd>{{.}}</dd>{{end}}{{with .M.Version}}<dt>msglint</dt><dd>{{.}}</dd>{{end}}<dt>Config</dt><dd>{{if .M.Config}}{{.M.Config}}{{else}}none (defaults){{end}}</dd>{{with .M.Commit}}<dt>Commit</dt><dd><code>{{.}}</code></dd>{{end}}<dt>Options</dt><dd>{{if .M.Options}}<code>{{join .M.Options " "}}</code>{{else}}none{{end}}</dd></dl>
<div class="chips">
<div class="chip"><b>{{len .C.Assets}}</b>assets</div>
<div class="chip"><b>{{len .C.Products}}</b>products</div>
<div class="chip{{if .C.Gaps}} warn{{end}}"><b>{{len .C.Gaps}}</b>gaps (coverage.min {{.C.Min}})</div>
{{range .C.Stages}}<div class="chip"><b>{{index $.StageCount .}}</b>{{.}}</div>
{{end}}<div class="chip"><b>{{.C.Unknown}}</b>unknown stage</div>
</div>

<h2>Gaps</h2>
{{if .C.Gaps}}<ul class="gaps">
{{range .C.Gaps}}<li><b>{{.Label}}</b> has {{plural .Count "asset"}} at the <b>{{.Stage}}</b> stage ({{.Grade}})</li>
{{end}}</ul>
{{else if .C.Products}}<p>Every product × stage cell reaches coverage.min.</p>
{{else}}<p class="muted">The glossary has no term of kind product or feature.</p>
{{end}}
{{range .Matrices}}
<h2>{{.Title}}</h2>
<div class="legend">{{if .Gaps}}{{range $.Grades}}<span class="g-{{.}}">{{.}}</span>{{end}}{{else}}<span class="g-none">none</span>{{range $.Grades}}{{if ne . "gap"}}<span class="g-{{.}}">{{.}}</span>{{end}}{{end}}{{end}}</div>
<table class="heat">
<tr><th>{{.Head}}</th>{{range .Stages}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr><th class="row">{{.Label}}{{if ne .Label .Key}}<div class="title">{{.Key}}</div>{{end}}</th>
{{range .Cells}}<td class="cell {{.Class}}"><div class="n">{{.Count}}</div><div class="grade">{{.Grade}}</div>{{if .Shown}}<ul class="files">{{range .Shown}}<li>{{range .}}{{.}}<wbr>{{end}}</li>{{end}}</ul>{{end}}{{if .More}}<details><summary>{{len .More}} more</summary><ul class="files">{{range .More}}<li>{{range .}}{{.}}<wbr>{{end}}</li>{{end}}</ul></details>{{end}}</td>
{{end}}</tr>
{{end}}</table>
{{end}}
<h2>Alignment</h2>
{{if .HasTeams}}<table>
<tr><th>Product</th><th></th>{{range .C.Alignment.Teams}}<th>{{.}}</th>{{end}}</tr>
{{range .AlignRows}}<tr><td>{{if .Product}}{{.Product}}{{else}}<span class="muted">all</span>{{end}}</td><td>{{.What}}</td>{{range .ByTeam}}<td{{if not .}} class="none"{{end}}>{{if .}}{{join . ", "}}{{else}}–{{end}}</td>{{end}}</tr>
{{end}}</table>
{{if not .C.ClaimsKnown}}<p class="muted">Claim usage was not collected.</p>{{end}}
{{else}}<p class="muted">No asset has a team: add <code>teams:</code> path rules to the config, or <code>team:</code> to front matter.</p>
{{end}}
<h2>Assets</h2>
<table class="assets">
<tr><th>Asset</th><th>Stage</th><th>Source</th><th>Confidence</th><th>Team</th><th>Products</th><th>Audiences</th><th>Objections</th><th>Evidence</th></tr>
{{range .Assets}}<tr><td class="path">{{.Path}}{{if .Title}}<div class="title">{{.Title}}</div>{{end}}</td><td><span class="stage {{.Stage}}">{{.Stage}}</span></td><td>{{.Source}}</td><td>{{.Confidence}}<div class="bar"><i style="width:{{.Pct}}%"></i></div></td><td>{{.Team}}</td><td>{{.Products}}</td><td>{{.Audiences}}</td><td>{{.Objections}}</td><td>{{if .Evidence}}<ul class="ev">{{range .Evidence}}<li>{{.}}</li>{{end}}</ul>{{end}}</td></tr>
{{end}}</table>
<p class="muted">Generated by msglint. Stage sources: frontmatter, path (config funnel.paths), content (signals), none.</p>
</body>
</html>
`
