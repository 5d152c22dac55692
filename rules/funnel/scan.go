package funnel

import (
	"math"
	"slices"
	"sort"
	"strconv"
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

// Where a signal stands, as an index (evidence keys).
const (
	wTitle = iota
	wHeading
	wMeta
	wBody
	wStruct
	nWhere
)

var whereNames = [nWhere]string{whereTitle, whereHeading, whereMeta, whereBody, whereStruct}

// scores are a document's signal totals. They are pooled per model
// (getScores, release) so a document allocates nothing to score itself.
type scores struct {
	stage     []float64 // final scores (see finish)
	body      []float64 // raw body totals, saturated by finish
	audience  []int
	objection []int
	// ev lists the evidence in first-seen order; evAt[where*len(phrases)+pi]
	// is 1+its index for a phrase signal (0: none yet).
	ev    []evEntry
	evAt  []int32
	bodyN []int32 // body occurrences per phrase

	buf   scratch
	names spanIndex
	terms []int   // the glossary terms matched (product tags)
	seen  termSet // terms already in terms
	meta  strings.Builder
}

// evEntry is one piece of evidence: the label is whereNames[where] + ": " + what.
type evEntry struct {
	stage int
	where int
	what  string
	value float64
	count int
}

func (md *model) getScores() *scores {
	if v := md.pool.Get(); v != nil {
		return v.(*scores)
	}
	n := len(md.m.phrases)
	return &scores{
		stage:     make([]float64, len(md.stages)),
		body:      make([]float64, len(md.stages)),
		audience:  make([]int, len(md.audiences)),
		objection: make([]int, len(md.objections)),
		evAt:      make([]int32, nWhere*n),
		bodyN:     make([]int32, n),
	}
}

// release resets sc and returns it to the pool.
func (md *model) release(sc *scores) {
	clear(sc.stage)
	clear(sc.body)
	clear(sc.audience)
	clear(sc.objection)
	clear(sc.evAt)
	clear(sc.bodyN)
	for i := range sc.ev {
		sc.ev[i] = evEntry{}
	}
	sc.ev = sc.ev[:0]
	sc.names.reset()
	sc.terms = sc.terms[:0]
	sc.meta.Reset()
	md.pool.Put(sc)
}

// hit records an occurrence of phrase pi standing at where.
func (sc *scores) hit(m *matcher, pi int32, where int, weight float64) {
	p := &m.phrases[pi]
	switch p.kind {
	case kindAudience:
		sc.audience[p.group]++
		return
	case kindObjection:
		sc.objection[p.group]++
		return
	}
	if where == wBody {
		sc.bodyN[pi]++
		if sc.bodyN[pi] > BodyCap {
			return
		}
	}
	w := p.weight * weight
	if where == wBody {
		sc.body[p.group] += w
	} else {
		sc.stage[p.group] += w
	}
	k := where*len(m.phrases) + int(pi)
	if sc.evAt[k] == 0 {
		sc.ev = append(sc.ev, evEntry{stage: p.group, where: where, what: p.text})
		sc.evAt[k] = int32(len(sc.ev))
	}
	e := &sc.ev[sc.evAt[k]-1]
	e.value += w
	e.count++
}

// add records a structural signal.
func (sc *scores) add(stage int, what string, w float64) {
	sc.stage[stage] += w
	var e *evEntry
	for i := range sc.ev {
		if x := &sc.ev[i]; x.where == wStruct && x.stage == stage && x.what == what {
			e = x
			break
		}
	}
	if e == nil {
		sc.ev = append(sc.ev, evEntry{stage: stage, where: wStruct, what: what})
		e = &sc.ev[len(sc.ev)-1]
	}
	e.value += w
	e.count++
}

// labelLess orders evidence by its label. The where names differ in their
// first byte, so two labels with different wheres compare as the wheres do.
func labelLess(a, b *evEntry) bool {
	if a.where != b.where {
		return whereNames[a.where] < whereNames[b.where]
	}
	return a.what < b.what
}

// evidence lists the n strongest signals of a stage, strongest first.
func (s *scores) evidence(stage, n int) []string {
	var list []*evEntry
	for i := range s.ev {
		if e := &s.ev[i]; e.stage == stage && e.value > 0 {
			list = append(list, e)
		}
	}
	// labels are unique, so this order is total
	slices.SortFunc(list, func(a, b *evEntry) int {
		switch {
		case a.value > b.value:
			return -1
		case a.value < b.value:
			return 1
		case labelLess(a, b):
			return -1
		case labelLess(b, a):
			return 1
		}
		return 0
	})
	if len(list) > n {
		list = list[:n]
	}
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		label := whereNames[e.where] + ": " + e.what
		if e.count > 1 {
			label += " ×" + strconv.Itoa(e.count)
		}
		out = append(out, label)
	}
	return out
}

// spanIndex holds the glossary name spans of every block: block i's are
// spans[start[i]:start[i+1]].
type spanIndex struct {
	start []int32
	spans [][2]int
	recs  []nameRec // scratch
}

// nameRec is a glossary match span of a block.
type nameRec struct {
	block int
	span  [2]int
}

func (s *spanIndex) reset() {
	s.start = s.start[:0]
	s.spans = s.spans[:0]
	s.recs = s.recs[:0]
}

// of returns the spans of block i.
func (s *spanIndex) of(i int) [][2]int {
	if i < 0 || i+1 >= len(s.start) {
		return nil
	}
	return s.spans[s.start[i]:s.start[i+1]]
}

// scan scores every block of d (and the non-prose front-matter values)
// with the phrase matcher, then adds the structural signals. Spans of
// glossary names (sc.names, filled by the caller) are skipped.
// tokens returns the tokens of block i (shared with the other rules).
// The caller releases sc.
func (md *model) scan(sc *scores, d *lint.Document, titleBlock int, tokens func(i int) []match.Token, words func(i int) *lint.Words) {
	for i := range d.Blocks {
		b := &d.Blocks[i]
		where, w := wBody, BodyWeight
		switch {
		case i == titleBlock:
			where, w = wTitle, TitleWeight
		case b.Scope == lint.ScopeHeading || b.Scope == lint.ScopeTitle:
			where, w = wHeading, HeadingWeight
		case b.Scope == lint.ScopeFrontMatter || b.Scope == lint.ScopeMeta:
			where, w = wMeta, MetaWeight
		}
		md.m.find(sc, b.Text, tokens(i), words(i), sc.names.of(i), where, w)
	}
	if titleBlock < 0 {
		// a title from properties (office formats) with no block of its own
		if t := metaString(d.Meta, "title"); t != "" {
			md.m.find(sc, t, nil, nil, nil, wTitle, TitleWeight)
		}
	}
	// Front matter that is not prose (layout, type, tags, nested
	// sections...): its keys and string values are weak signals.
	metaText(&sc.meta, d.Meta, 0, d.Blocks)
	if sc.meta.Len() > 0 {
		md.m.find(sc, sc.meta.String(), nil, nil, nil, wMeta, 1)
	}
	md.structures(d, titleBlock, sc)
	for i, b := range sc.body {
		sc.stage[i] += saturate(b)
	}
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
			writeKey(b, k)
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

// writeKey writes a front-matter key with '_' and '-' as spaces.
func writeKey(b *strings.Builder, k string) {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '_' || c == '-' {
			c = ' '
		}
		b.WriteByte(c)
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
			sc.add(i, what, w)
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
	// Bytes are read eight at a time; a chunk with neither '$' nor a
	// non-ASCII byte is skipped whole. No UTF-8 sequence can hide a sign
	// ('$' is ASCII, and the lead bytes of € and £ are never continuation
	// bytes), so this counts what a rune-by-rune walk counts.
	const ones, highs, dollars = 0x0101010101010101, 0x8080808080808080, 0x2424242424242424
	n := 0
	for i := 0; i < len(s); {
		var v uint64 // the next eight bytes (the last ones padded with zeros)
		end := i + 8
		if end <= len(s) {
			t := s[i:end]
			v = uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		} else {
			end = len(s)
			for k := end - 1; k >= i; k-- {
				v = v<<8 | uint64(s[k])
			}
		}
		x := v ^ dollars // a zero byte where v has '$'
		if (v|(x-ones)&^x)&highs == 0 {
			i = end
			continue
		}
		for i < end {
			sign := 0
			switch s[i] {
			case '$':
				sign = 1
			case 0xe2: // € is e2 82 ac
				if i+2 < len(s) && s[i+1] == 0x82 && s[i+2] == 0xac {
					sign = 3
				}
			case 0xc2: // £ is c2 a3
				if i+1 < len(s) && s[i+1] == 0xa3 {
					sign = 2
				}
			}
			if sign == 0 {
				i++
				continue
			}
			i += sign
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				n++
			}
		}
	}
	return n
}

// isMark reports whether a table cell holds only a check or cross mark
// (or yes/no), as comparison tables do.
func isMark(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 3 && isASCII(s) {
		return false // "yes" is the longest ASCII mark
	}
	switch strings.ToLower(s) {
	case "✓", "✔", "✔️", "✅", "✗", "✘", "❌", "yes", "no":
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
