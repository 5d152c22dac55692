package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/msglint/msglint/internal/safetext"
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
	var b strings.Builder
	if err := htmlTemplate.Execute(&b, v); err != nil {
		return err
	}
	// The control characters of the content (C0 but line feed and tab,
	// DEL, C1, U+2028/U+2029, bidirectional overrides and isolates) as
	// visible escapes (safetext): html/template leaves them as they are,
	// and a bidi override would show a path or message in another order
	// than it is read. The page's own text has none; the island's
	// strings were escaped already (clean), as JSON would turn a \u001b
	// back into the character.
	_, err = io.WriteString(w, safetext.Except(b.String(), "\n"))
	return err
}

// staticLimit is the number of assets up to which the page also lists
// them (and their findings) in static HTML, for readers without
// JavaScript; above it the static page shows the heatmaps' counts, and a
// notice. It also bounds the paths listed inside heatmap cells.
const staticLimit = 300

// gapsShown is how many gaps the page lists (the heatmap shows them all).
const gapsShown = 100

// compareShown is how many findings added, and fixed, the page lists.
const compareShown = 100

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
	// FindAdded and FindFixed are the findings --compare lists (the
	// first compareShown of each); the ...More are the rest.
	FindAdded, FindFixed         []htmlFinding
	FindAddedMore, FindFixedMore int
	Chart                        *teamChart
	Data                         template.HTML // the JSON island (escaped JSON)
	Script                       template.HTML
	Style                        template.HTML
	CSP                          string
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
	if d := meta.Compare; d != nil {
		v.FindAdded, v.FindAddedMore = comparedFindings(meta, d.FindingsAdded, true)
		v.FindFixed, v.FindFixedMore = comparedFindings(meta, d.FindingsFixed, false)
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

// comparedFindings are the first compareShown findings of a comparison,
// as the page lists them, and the number left out. A finding added links
// to its line (as the asset's findings do); a finding fixed to its file
// (its line was the earlier one's), when the file is still there.
func comparedFindings(meta *CoverageMeta, fs []CoverageJSONFinding, now bool) ([]htmlFinding, int) {
	more := max(0, len(fs)-compareShown)
	fs = fs[:len(fs)-more]
	out := make([]htmlFinding, len(fs))
	for i, f := range fs {
		lf := &lint.Finding{Rule: f.Rule, Message: f.Message, Site: lint.Site{Path: f.Path, Line: f.Line, Loc: f.Location}}
		at, href := where(lf), meta.Links[f.Path]
		if now {
			href = findingHref(meta, lf)
		} else if at != "" && f.Location == "" {
			at = "was " + at
		}
		out[i] = htmlFinding{Rule: f.Rule, Severity: f.Severity, Message: f.Message, Excerpt: f.Excerpt,
			Where: strings.TrimSpace(f.Path + " " + at), Href: href}
	}
	return out, more
}
