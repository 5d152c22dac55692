package funnel

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// Where a signal stands.
const (
	whereTitle   = "title"
	whereHeading = "heading"
	whereMeta    = "front matter"
	whereBody    = "body"
	whereStruct  = "structure"
)

// maxMetaText bounds the front-matter text scanned per document.
const maxMetaText = 64 << 10

// scores are a document's signal totals.
type scores struct {
	stage     []float64 // final scores (see finish)
	body      []float64 // raw body totals, saturated by finish
	audience  []int
	objection []int
	ev        map[evKey]*evVal
	bodyN     map[int32]int // body occurrences per phrase
}

type evKey struct {
	stage int
	label string // "title: pricing"
}

type evVal struct {
	value float64
	count int
}

func (s *scores) add(stage int, where, what string, w float64) {
	if where == whereBody {
		s.body[stage] += w
	} else {
		s.stage[stage] += w
	}
	k := evKey{stage, where + ": " + what}
	v := s.ev[k]
	if v == nil {
		v = &evVal{}
		s.ev[k] = v
	}
	v.value += w
	v.count++
}

// evidence lists the n strongest signals of a stage, strongest first.
func (s *scores) evidence(stage, n int) []string {
	type kv struct {
		label string
		v     *evVal
	}
	var list []kv
	for k, v := range s.ev {
		if k.stage == stage && v.value > 0 {
			list = append(list, kv{k.label, v})
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].v.value != list[j].v.value {
			return list[i].v.value > list[j].v.value
		}
		return list[i].label < list[j].label
	})
	var out []string
	for i, e := range list {
		if i == n {
			break
		}
		if e.v.count > 1 {
			out = append(out, fmt.Sprintf("%s ×%d", e.label, e.v.count))
		} else {
			out = append(out, e.label)
		}
	}
	return out
}

// scan scores every block of d (and the non-prose front-matter values)
// with the phrase matcher, then adds the structural signals.
// names holds, per block, the spans of glossary names (skipped).
// tokens returns the tokens of block i (shared with the other rules).
func (md *model) scan(d *lint.Document, titleBlock int, names map[int][][2]int, tokens func(i int) []match.Token, words func(i int) *lint.Words) *scores {
	sc := &scores{
		stage:     make([]float64, len(md.stages)),
		body:      make([]float64, len(md.stages)),
		audience:  make([]int, len(md.audiences)),
		objection: make([]int, len(md.objections)),
		ev:        map[evKey]*evVal{},
		bodyN:     map[int32]int{},
	}
	var buf scratch
	run := func(text string, toks []match.Token, w *lint.Words, skip [][2]int, where string, weight float64) {
		md.m.find(text, toks, w, &buf, skip, func(pi int32) {
			p := &md.m.phrases[pi]
			switch p.kind {
			case kindAudience:
				sc.audience[p.group]++
				return
			case kindObjection:
				sc.objection[p.group]++
				return
			}
			if where == whereBody {
				sc.bodyN[pi]++
				if sc.bodyN[pi] > BodyCap {
					return
				}
			}
			sc.add(p.group, where, p.text, p.weight*weight)
		})
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		where, w := whereBody, BodyWeight
		switch {
		case i == titleBlock:
			where, w = whereTitle, TitleWeight
		case b.Scope == lint.ScopeHeading || b.Scope == lint.ScopeTitle:
			where, w = whereHeading, HeadingWeight
		case b.Scope == lint.ScopeFrontMatter || b.Scope == lint.ScopeMeta:
			where, w = whereMeta, MetaWeight
		}
		run(b.Text, tokens(i), words(i), names[i], where, w)
	}
	if titleBlock < 0 {
		// a title from properties (office formats) with no block of its own
		if t := metaString(d.Meta, "title"); t != "" {
			run(t, nil, nil, nil, whereTitle, TitleWeight)
		}
	}
	// Front matter that is not prose (layout, type, tags, nested
	// sections...): its keys and string values are weak signals.
	var meta strings.Builder
	metaText(&meta, d.Meta, 0, d.Blocks)
	if meta.Len() > 0 {
		run(meta.String(), nil, nil, nil, whereMeta, 1)
	}
	md.structures(d, titleBlock, sc)
	for i, b := range sc.body {
		sc.stage[i] += saturate(b)
	}
	return sc
}

// saturate gives body mentions diminishing returns: a long text gathers
// many weak mentions, and they must not outvote its title, headings and
// structure. saturate(x) < BodySaturation for every x.
func saturate(x float64) float64 {
	if x <= 0 {
		return x
	}
	return BodySaturation * (1 - math.Exp(-x/BodySaturation))
}

// metaText writes the keys and string values of front matter that are
// not already prose blocks, in key order.
func metaText(b *strings.Builder, v any, depth int, blocks []lint.Block) {
	if depth > 8 || b.Len() > maxMetaText {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if depth == 0 && (k == "title" || k == "funnel" || k == "stage" || k == "team" || isProseField(k, blocks)) {
				continue
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b.WriteString(strings.NewReplacer("_", " ", "-", " ").Replace(k))
			b.WriteString(". ")
			metaText(b, x[k], depth+1, blocks)
		}
	case []any:
		for _, e := range x {
			metaText(b, e, depth+1, blocks)
		}
	case string:
		if len(x) < 4096 {
			b.WriteString(x)
			b.WriteString(". ")
		}
	}
}

func isProseField(k string, blocks []lint.Block) bool {
	for i := range blocks {
		if blocks[i].Scope == lint.ScopeFrontMatter && blocks[i].Field == k {
			return true
		}
	}
	return false
}

// structures adds the signals that come from the shape of the content
// rather than its words.
func (md *model) structures(d *lint.Document, titleBlock int, sc *scores) {
	stage := func(name string) int {
		for i, s := range md.stages {
			if s == name {
				return i
			}
		}
		return -1
	}
	add := func(name, what string, w float64) {
		if i := stage(name); i >= 0 {
			sc.add(i, whereStruct, what, w)
		}
	}
	prices, marks, versioned := 0, 0, 0
	for i := range d.Blocks {
		b := &d.Blocks[i]
		prices += currencyAmounts(b.Text)
		if b.Scope == lint.ScopeTableCell && isMark(b.Text) {
			marks++
		}
		if (b.Scope == lint.ScopeHeading || b.Scope == lint.ScopeTitle) && i != titleBlock && versionOrDate(b.Text) {
			versioned++
		}
	}
	switch {
	case prices >= 4:
		add("decision", "prices", 4)
	case prices >= 2:
		add("decision", "prices", 2)
	}
	if marks >= 4 {
		add("consideration", "comparison table", 4)
	}
	if versioned >= 2 {
		add("retention", "versioned or dated headings", float64(min(versioned, 4)))
	}
	t := ""
	if titleBlock >= 0 {
		t = clean(d.Blocks[titleBlock].Text)
	} else {
		t = metaString(d.Meta, "title")
	}
	if postMeta(d.Meta) {
		add("awareness", "post metadata (author and date)", 6)
	}
	if strings.HasSuffix(t, "?") {
		add("awareness", "question title", 2)
	}
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsDigit(r) {
		if f := strings.Fields(t); len(f) > 1 && !versionOrDate(f[0]) {
			add("awareness", "list title", 2)
		}
	}
}

// currencyAmounts counts "$49", "€1,200", "£9.99" in s.
func currencyAmounts(s string) int {
	n := 0
	for i, r := range s {
		if r == '$' || r == '€' || r == '£' {
			rest := s[i+utf8.RuneLen(r):]
			rest = strings.TrimLeft(rest, " ")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				n++
			}
		}
	}
	return n
}

// isMark reports whether a table cell holds only a check or cross mark
// (or yes/no), as comparison tables do.
func isMark(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "✓", "✔", "✔️", "✅", "✗", "✘", "❌", "yes", "no":
		return true
	}
	return false
}

// versionOrDate reports whether a heading names a version ("v1.2",
// "0.8.0", "Release 2.1") or a date ("2021-03-14", "March 2021").
func versionOrDate(s string) bool {
	s = strings.TrimSpace(s)
	digits, dots, dashes := 0, 0, 0
	run := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			run++
			if run == 4 && len(s) >= 4 {
				// a year
				if y := yearAt(s); y {
					return true
				}
			}
			continue
		case r == '.':
			if run > 0 {
				dots++
			}
		case r == '-':
			if run > 0 {
				dashes++
			}
		}
		run = 0
	}
	return digits >= 2 && (dots >= 1 || dashes >= 2)
}

// yearAt reports whether s holds a plausible year (1990-2099) as a word.
func yearAt(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		w := s[i : i+4]
		if (strings.HasPrefix(w, "19") && w[2] >= '9' || strings.HasPrefix(w, "20")) &&
			isDigits(w) && (i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// postMeta reports whether front matter describes a post: an author and a
// publication date, as blogs and newsletters carry.
func postMeta(meta map[string]any) bool {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if v, ok := meta[k]; ok && v != nil && v != "" {
				return true
			}
		}
		return false
	}
	return has("author", "authors", "byline") && has("date", "published", "publishdate", "publishDate", "pubDate", "published_at")
}
