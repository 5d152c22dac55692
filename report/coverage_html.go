package report

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
)

// CoverageHTML writes the report as one self-contained HTML file with no
// header data, findings or links (tests).
func CoverageHTML(w io.Writer, c *coverage.Model) error {
	return CoverageHTMLMeta(w, c, &CoverageMeta{})
}

// CoverageHTMLMeta writes the report as one self-contained HTML file
// (docs/report.md): inline CSS and one inline script, allowed by a
// Content-Security-Policy that names their sha256 hashes and nothing else;
// no font, no external resource, no network. The static HTML holds the
// header, the gaps, the heatmaps and the alignment (and, for up to
// staticLimit assets, the asset list with its findings); the data of every
// asset is one JSON island that the script renders on demand, with
// filters and a search. html/template escapes every piece of content in
// its context; the island is JSON with <, > and & written as \u003c,
// \u003e and \u0026, so no content can close its <script> element.
func CoverageHTMLMeta(w io.Writer, c *coverage.Model, meta *CoverageMeta) error {
	v, err := newHTMLView(c, meta)
	if err != nil {
		return err
	}
	return htmlTemplate.Execute(w, v)
}

// staticLimit is the number of assets up to which the page also lists
// them (and their findings) in static HTML, for readers without
// JavaScript; above it the static page shows the heatmaps' counts, and a
// notice. It also bounds the paths listed inside heatmap cells.
const staticLimit = 300

// gapsShown is how many gaps the page lists (the heatmap shows them all).
const gapsShown = 100

// htmlView is what the template shows, computed in Go so the template
// stays a layout.
type htmlView struct {
	C          *coverage.Model
	M          *CoverageMeta
	Matrices   []htmlMatrix
	Assets     []htmlAsset // static rows (small corpora only)
	Static     bool        // the asset list is in the static HTML
	Grades     []string
	HasTeams   bool
	AlignRows  []htmlAlignRow
	StageCount map[string]int
	Gaps       []htmlGap
	GapsMore   int // gaps not listed (gapsShown)
	Families   []htmlFamily
	Other      []htmlFinding // findings on no asset (the config)
	OtherMore  int
	Findings   int
	Chart      *teamChart
	Data       template.HTML // the JSON island (escaped JSON)
	Script     template.HTML
	Style      template.HTML
	CSP        string
}

type htmlMatrix struct {
	Title, Head, Kind string
	Stages            []string
	Rows              []htmlRow
	Gaps              bool // grade cells against coverage.min (products only)
}

type htmlRow struct {
	Label, Key string
	Cells      []htmlCell
}

type htmlCell struct {
	Stage string
	Count int
	Class string
	Grade string
	Shown []htmlLink
	More  []htmlLink
}

type htmlLink struct {
	Path string
	Href string // "" no link
}

type htmlGap struct {
	coverage.GapCell
	Near []htmlLink // assets of the product whose runner-up stage is this one
}

type htmlFamily struct {
	Name                   string
	Errors, Warnings, Info int
	Assets                 int
}

type htmlAsset struct {
	Path, Href, Title, Format, Stage, Source, Team string
	Confidence                                     string
	Audiences, Objections, Products                string
	Evidence                                       []string
	Errors, Warnings, Infos                        int
	Families                                       []htmlFamilyFindings
}

type htmlFamilyFindings struct {
	Name     string
	Findings []htmlFinding
}

type htmlFinding struct {
	Rule, Severity, Message, Excerpt, Where, Href string
}

type htmlAlignRow struct {
	Product string // "" for the audiences row
	What    string
	ByTeam  [][]string // per team, in Alignment.Teams order
}

// cellShown is how many assets a cell lists before folding the rest.
const cellShown = 5

// family is a rule's family: the part of its name before '/'.
func family(rule string) string {
	f, _, _ := strings.Cut(rule, "/")
	return f
}

// findingHref links a finding to its line when links are to repository
// pages (#L<line>; GitHub shows a Markdown file's source with ?plain=1).
func findingHref(meta *CoverageMeta, f *lint.Finding) string {
	href := meta.Links[f.Path]
	if href == "" || !meta.LineAnchors || f.Line < 1 || f.Loc != "" {
		return href
	}
	if meta.PlainParam && !strings.Contains(href, "?") {
		href += "?plain=1"
	}
	return fmt.Sprintf("%s#L%d", href, f.Line)
}

// excerpt is a finding's surrounding text, else its source line, cut to
// a readable length.
func excerpt(f *lint.Finding) string {
	s := f.Context
	if s == "" {
		s = strings.TrimSpace(f.LineText)
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}

func where(f *lint.Finding) string {
	if f.Loc != "" {
		return f.Loc
	}
	if f.Line > 0 {
		return fmt.Sprintf("line %d", f.Line)
	}
	return ""
}

func newHTMLView(c *coverage.Model, meta *CoverageMeta) (*htmlView, error) {
	if meta == nil {
		meta = &CoverageMeta{}
	}
	v := &htmlView{C: c, M: meta, Grades: coverage.Grades, HasTeams: len(c.Alignment.Teams) > 0, StageCount: map[string]int{},
		Static: len(c.Assets) <= staticLimit, Findings: len(meta.Findings)}
	link := func(p string) htmlLink { return htmlLink{Path: p, Href: meta.Links[p]} }
	links := func(paths []string) []htmlLink {
		out := make([]htmlLink, len(paths))
		for i, p := range paths {
			out[i] = link(p)
		}
		return out
	}
	byPath := map[string]int{}
	for i, a := range c.Assets {
		v.StageCount[a.Stage]++
		byPath[a.Path] = i
	}
	// findings per asset (in the run's order: path, line, column, rule)
	perAsset := make([][]*lint.Finding, len(c.Assets))
	fams := map[string]*htmlFamily{}
	famAssets := map[string]map[int]bool{}
	for i := range meta.Findings {
		f := &meta.Findings[i]
		ai, ok := byPath[f.Path]
		if !ok {
			if len(v.Other) < 100 {
				v.Other = append(v.Other, htmlFinding{Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message,
					Excerpt: excerpt(f), Where: strings.TrimSpace(f.Path + " " + where(f)), Href: findingHref(meta, f)})
			} else {
				v.OtherMore++
			}
			continue
		}
		perAsset[ai] = append(perAsset[ai], f)
		name := family(f.Rule)
		fam := fams[name]
		if fam == nil {
			fam = &htmlFamily{Name: name}
			fams[name] = fam
			famAssets[name] = map[int]bool{}
		}
		switch f.Severity {
		case lint.Error:
			fam.Errors++
		case lint.Warning:
			fam.Warnings++
		default:
			fam.Info++
		}
		famAssets[name][ai] = true
	}
	for name, fam := range fams {
		fam.Assets = len(famAssets[name])
		v.Families = append(v.Families, *fam)
	}
	sort.Slice(v.Families, func(i, j int) bool { return v.Families[i].Name < v.Families[j].Name })

	// the gaps, with the assets that nearly qualified
	for gi, g := range c.Gaps {
		if gi == gapsShown {
			v.GapsMore = len(c.Gaps) - gi
			break
		}
		hg := htmlGap{GapCell: g}
		for _, a := range c.Assets {
			if a.RunnerUp == g.Stage && slices.Contains(a.Products, g.Product) && len(hg.Near) < cellShown {
				hg.Near = append(hg.Near, link(a.Path))
			}
		}
		v.Gaps = append(v.Gaps, hg)
	}
	for _, m := range []struct {
		title, head, kind string
		rows              []coverage.Row
		gaps              bool
	}{
		{"Product × stage", "Product", "p", c.Products, true},
		{"Audience × stage", "Audience", "a", c.Audiences, false},
		{"Objection × stage", "Objection", "o", c.Objections, false},
	} {
		hm := htmlMatrix{Title: m.title, Head: m.head, Kind: m.kind, Stages: c.Stages, Gaps: m.gaps}
		for _, r := range m.rows {
			hr := htmlRow{Label: r.Label, Key: r.Key}
			for _, cell := range r.Cells {
				hc := htmlCell{Stage: cell.Stage, Count: len(cell.Assets), Grade: cell.Grade, Class: "g-" + cell.Grade}
				if !m.gaps && cell.Grade == coverage.GradeGap {
					hc.Class, hc.Grade = "g-none", "none"
				}
				if v.Static {
					if len(cell.Assets) > cellShown+1 {
						hc.Shown, hc.More = links(cell.Assets[:cellShown]), links(cell.Assets[cellShown:])
					} else {
						hc.Shown = links(cell.Assets)
					}
				}
				hr.Cells = append(hr.Cells, hc)
			}
			hm.Rows = append(hm.Rows, hr)
		}
		if len(hm.Rows) > 0 {
			v.Matrices = append(v.Matrices, hm)
		}
	}
	if v.Static {
		for i, a := range c.Assets {
			conf := fmt.Sprintf("%.2f", a.Confidence)
			if a.Stage != "unknown" && !c.Counts(a) {
				conf += " (low: counted in no cell)"
			}
			ha := htmlAsset{Path: a.Path, Href: meta.Links[a.Path], Title: a.Title, Format: a.Format, Stage: a.Stage,
				Source: a.StageSource, Team: a.Team, Confidence: conf,
				Audiences: strings.Join(a.Audiences, ", "), Objections: strings.Join(a.Objections, ", "),
				Products: strings.Join(a.Products, ", "), Evidence: a.Evidence}
			for _, f := range perAsset[i] {
				switch f.Severity {
				case lint.Error:
					ha.Errors++
				case lint.Warning:
					ha.Warnings++
				default:
					ha.Infos++
				}
				name := family(f.Rule)
				if n := len(ha.Families); n == 0 || ha.Families[n-1].Name != name {
					j := slices.IndexFunc(ha.Families, func(ff htmlFamilyFindings) bool { return ff.Name == name })
					if j < 0 {
						ha.Families = append(ha.Families, htmlFamilyFindings{Name: name})
					} else {
						// keep the families together: move it last
						ff := ha.Families[j]
						ha.Families = append(slices.Delete(ha.Families, j, j+1), ff)
					}
				}
				ff := &ha.Families[len(ha.Families)-1]
				ff.Findings = append(ff.Findings, htmlFinding{Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message,
					Excerpt: excerpt(f), Where: where(f), Href: findingHref(meta, f)})
			}
			sort.SliceStable(ha.Families, func(i, j int) bool { return ha.Families[i].Name < ha.Families[j].Name })
			v.Assets = append(v.Assets, ha)
		}
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
	v.Chart = newTeamChart(c)
	data, err := pageJSON(c, meta, perAsset)
	if err != nil {
		return nil, err
	}
	// escaped JSON (see pageJSON); the whole element is given, as
	// html/template would quote a value inside a script element
	v.Data = template.HTML(`<script type="application/json" id="msglint-data">` + string(data) + `</script>`)
	v.Script = template.HTML(pageScript)
	v.Style = template.HTML(pageStyle)
	v.CSP = pageCSP
	return v, nil
}

// pageData is the JSON island the page's script renders (docs/report.md).
// Assets are arrays and repeated strings are indexes into tables, so a
// 10,000-asset page stays small:
//
//	asset:   [path, link, title, format, stage, source, confidence, low,
//	          runner-up, team, [product], [audience], [objection],
//	          [evidence], [finding]]
//	finding: [rule, severity (1 info, 2 warning, 3 error), line,
//	          location, message, excerpt]
//
// format, stage, source, runner-up, team, audiences, objections, evidence
// and locations index Str (Str[0] is ""); products index Products;
// rules Rules; messages Msgs. link is null (no link), 0 (LinkPrefix and
// the path) or the rest of the link after LinkPrefix. low: the
// confidence is below coverage.min_confidence (counted in no cell).
type pageData struct {
	Stages     []string    `json:"stages"`
	Teams      []string    `json:"teams"`
	Products   [][2]string `json:"products"` // key, label
	Audiences  []string    `json:"audiences"`
	Objections []string    `json:"objections"`
	Rules      []string    `json:"rules"`
	Msgs       []string    `json:"msgs"`
	Str        []string    `json:"str"`
	LinkPrefix string      `json:"lp"`
	Lines      bool        `json:"lines"` // findings link to #L<line>
	Plain      bool        `json:"plain"` // ... after ?plain=1 (GitHub)
	Cut        int         `json:"cut"`   // excerpts shortened or left out to fit the page
	Assets     [][]any     `json:"assets"`
}

// excerptBudget bounds the bytes of the findings' excerpts in the island;
// beyond it each excerpt is cut, around its match, to an equal share, or
// left out when that share is under minExcerpt bytes (the message still
// says what was found; msglint check shows the excerpts).
const (
	excerptBudget = 700 << 10
	minExcerpt    = 20
)

// pageJSON is the island's contents. encoding/json writes <, >, & and
// U+2028/U+2029 as \u escapes, so the text holds no "</script" and no
// "<!--" whatever the content.
func pageJSON(c *coverage.Model, meta *CoverageMeta, perAsset [][]*lint.Finding) ([]byte, error) {
	d := pageData{Stages: c.Stages, Teams: c.Alignment.Teams, Audiences: []string{}, Objections: []string{},
		Rules: []string{}, Msgs: []string{}, Str: []string{""}, Lines: meta.LineAnchors, Plain: meta.PlainParam,
		Products: [][2]string{}}
	if d.Teams == nil {
		d.Teams = []string{}
	}
	products := map[string]int{}
	for _, r := range c.Products {
		products[r.Key] = len(d.Products)
		d.Products = append(d.Products, [2]string{r.Key, r.Label})
	}
	for _, r := range c.Audiences {
		d.Audiences = append(d.Audiences, r.Key)
	}
	for _, r := range c.Objections {
		d.Objections = append(d.Objections, r.Key)
	}
	rules, msgs, strs := map[string]int{}, map[string]int{}, map[string]int{"": 0}
	intern := func(m map[string]int, list *[]string, s string) int {
		i, ok := m[s]
		if !ok {
			i = len(*list)
			m[s] = i
			*list = append(*list, s)
		}
		return i
	}
	str := func(s string) int { return intern(strs, &d.Str, s) }
	strList := func(l []string) []int {
		out := make([]int, len(l))
		for i, s := range l {
			out[i] = str(s)
		}
		return out
	}
	// the links' common prefix: the first asset's link before its path
	for _, a := range c.Assets {
		if l := meta.Links[a.Path]; l != "" && strings.HasSuffix(l, a.Path) {
			d.LinkPrefix = strings.TrimSuffix(l, a.Path)
			break
		}
	}
	// the excerpts' share
	total, n := 0, 0
	for _, fs := range perAsset {
		for _, f := range fs {
			total += len(excerpt(f))
			n++
		}
	}
	share := 0 // no cut
	if total > excerptBudget {
		share = excerptBudget / n
	}
	d.Assets = make([][]any, len(c.Assets))
	for i, a := range c.Assets {
		var link any
		if l := meta.Links[a.Path]; l == d.LinkPrefix+a.Path {
			link = 0
		} else if l != "" {
			link = strings.TrimPrefix(l, d.LinkPrefix)
			if !strings.HasPrefix(l, d.LinkPrefix) {
				link = l // not under the prefix: cannot happen with one base, kept whole
			}
		}
		pr := make([]int, len(a.Products))
		for j, p := range a.Products {
			k, ok := products[p]
			if !ok {
				k = len(d.Products)
				products[p] = k
				d.Products = append(d.Products, [2]string{p, p})
			}
			pr[j] = k
		}
		low := 0
		if a.Stage != "unknown" && !c.Counts(a) {
			low = 1
		}
		xs := make([][]any, 0, len(perAsset[i]))
		for _, f := range perAsset[i] {
			ex := excerpt(f)
			if share > 0 && len(ex) > share {
				if share < minExcerpt {
					ex = ""
				} else {
					ex = cutAround(ex, f.Match, share)
				}
				d.Cut++
			}
			xs = append(xs, []any{intern(rules, &d.Rules, f.Rule), int(f.Severity), f.Line, str(f.Loc),
				intern(msgs, &d.Msgs, f.Message), ex})
		}
		d.Assets[i] = []any{a.Path, link, a.Title, str(a.Format), str(a.Stage), str(a.StageSource),
			float64(int(a.Confidence*100+0.5)) / 100, low, str(a.RunnerUp), str(a.Team), pr,
			strList(a.Audiences), strList(a.Objections), strList(a.Evidence), xs}
	}
	return json.Marshal(d)
}

// cutAround cuts s to about n bytes around the first occurrence of match
// (the start when there is none), on rune boundaries, marking cuts with
// an ellipsis.
func cutAround(s, match string, n int) string {
	at := 0
	if match != "" {
		if i := strings.Index(s, match); i >= 0 {
			at = max(0, i-(n-len(match))/2)
		}
	}
	end := min(len(s), at+n)
	if end == len(s) {
		at = max(0, end-n)
	}
	for at > 0 && !utf8.RuneStart(s[at]) {
		at--
	}
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	out := s[at:end]
	if at > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}

// cspHash is a CSP source for an inline element's exact text.
func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// pageCSP lets the page run its own script and style (by hash) and
// nothing else: no other script, no fetch, no frame, no form, no base.
var pageCSP = "default-src 'none'; script-src " + cspHash(pageScriptBody) + "; style-src " + cspHash(pageStyleBody) +
	"; img-src data:; base-uri 'none'; form-action 'none'"

var (
	pageScript = "<script>" + pageScriptBody + "</script>"
	pageStyle  = "<style>" + pageStyleBody + "</style>"
)

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"join":   strings.Join,
	"plural": plural,
}).Parse(htmlSource))

// teamChart is the stage distribution per team, drawn as inline SVG
// (stacked bars, one per team, each 100% of the team's assets): where
// marketing, sales and enablement write for different stages.
type teamChart struct {
	Height int
	Rows   []teamChartRow
	Legend []teamChartSeg
}

type teamChartRow struct {
	Team  string
	Total int
	Y, TY int // bar top, label baseline
	Segs  []teamChartSeg
}

type teamChartSeg struct {
	Stage string
	N     int
	X, W  string // in the 1000-wide view box
	LX    int    // legend position
	Fill  string
	Pct   int
}

// stageFills are the bars' colours, by stage position; unknown is grey.
var stageFills = []string{"#9ccbe6", "#4a8bd6", "#f0a04b", "#6fbf73", "#b38ad9", "#e0c341", "#58b7b0"}

func newTeamChart(c *coverage.Model) *teamChart {
	if len(c.Alignment.Teams) == 0 {
		return nil
	}
	stages := append(slices.Clone(c.Stages), "unknown")
	fill := func(i int) string {
		if i == len(stages)-1 {
			return "#c4c9cf"
		}
		return stageFills[i%len(stageFills)]
	}
	teams := append(slices.Clone(c.Alignment.Teams), "")
	counts := map[string]map[string]int{}
	for _, a := range c.Assets {
		st := a.Stage
		if !slices.Contains(c.Stages, st) {
			st = "unknown"
		}
		if counts[a.Team] == nil {
			counts[a.Team] = map[string]int{}
		}
		counts[a.Team][st]++
	}
	ch := &teamChart{}
	for i, st := range stages {
		ch.Legend = append(ch.Legend, teamChartSeg{Stage: st, Fill: fill(i), LX: 200 + i*130})
	}
	y := 40
	for _, t := range teams {
		m := counts[t]
		total := 0
		for _, n := range m {
			total += n
		}
		if total == 0 {
			continue
		}
		label := t
		if label == "" {
			label = "no team"
		}
		row := teamChartRow{Team: label, Total: total, Y: y, TY: y + 15}
		x := 200.0
		for i, st := range stages {
			n := m[st]
			if n == 0 {
				continue
			}
			w := 780 * float64(n) / float64(total)
			row.Segs = append(row.Segs, teamChartSeg{Stage: st, N: n, X: fmt.Sprintf("%.1f", x), W: fmt.Sprintf("%.1f", w),
				Fill: fill(i), Pct: int(100*float64(n)/float64(total) + 0.5)})
			x += w
		}
		ch.Rows = append(ch.Rows, row)
		y += 30
	}
	ch.Height = y
	return ch
}
