// The HTML report's JSON island, its CSP hashes and the team chart.

package report

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
)

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
	d := pageData{Stages: cleanList(c.Stages), Teams: cleanList(c.Alignment.Teams), Audiences: []string{}, Objections: []string{},
		Rules: []string{}, Msgs: []string{}, Str: []string{""}, Lines: meta.LineAnchors, Plain: meta.PlainParam,
		Products: [][2]string{}}
	products := map[string]int{}
	for _, r := range c.Products {
		products[r.Key] = len(d.Products)
		d.Products = append(d.Products, [2]string{clean(r.Key), clean(r.Label)})
	}
	for _, r := range c.Audiences {
		d.Audiences = append(d.Audiences, clean(r.Key))
	}
	for _, r := range c.Objections {
		d.Objections = append(d.Objections, clean(r.Key))
	}
	rules, msgs, strs := map[string]int{}, map[string]int{}, map[string]int{"": 0}
	intern := func(m map[string]int, list *[]string, s string) int {
		i, ok := m[s]
		if !ok {
			i = len(*list)
			m[s] = i
			*list = append(*list, clean(s))
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
				d.Products = append(d.Products, [2]string{clean(p), clean(p)})
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
				intern(msgs, &d.Msgs, f.Message), clean(ex)})
		}
		d.Assets[i] = []any{clean(a.Path), link, clean(a.Title), str(a.Format), str(a.Stage), str(a.StageSource),
			float64(int(a.Confidence*100+0.5)) / 100, low, str(a.RunnerUp), str(a.Team), pr,
			strList(a.Audiences), strList(a.Objections), strList(a.Evidence), xs}
	}
	return json.Marshal(d)
}

// clean is a string of the content as the island holds it: control
// characters but line feed as visible escapes (safetext), since
// JSON.parse would turn encoding/json's \u001b back into the character
// the page then shows. The static HTML is escaped the same way
// (CoverageHTMLMeta), so the keys the script compares (paths, rows)
// match.
func clean(s string) string { return safetext.Except(s, "\n") }

func cleanList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = clean(s)
	}
	return out
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
