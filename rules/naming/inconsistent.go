package naming

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// forms interns surface forms across the whole run, so each distinct
// spelling is stored once however many files use it.
type forms struct {
	mu    sync.Mutex
	ids   map[string]int32
	text  []string
	loose []string

	// scratch holds per-worker *nameScratch: reused buffers, and a cache
	// of this run's form ids that saves the interner's lock.
	scratch sync.Pool
}

// id interns surface (a copy is kept) and returns its id and the interned copy.
func (fs *forms) id(surface string) (int32, string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if id, ok := fs.ids[surface]; ok {
		return id, fs.text[id]
	}
	surface = strings.Clone(surface)
	id := int32(len(fs.text))
	fs.ids[surface] = id
	fs.text = append(fs.text, surface)
	fs.loose = append(fs.loose, match.LooseKey(surface))
	return id, surface
}

// formsMemo holds the run's interned name forms.
var formsMemo = &lint.Memo[*forms]{Name: "naming/inconsistent.forms"}

func runForms(env *lint.Env) *forms {
	fs, _ := lint.MemoOf(env, formsMemo, func() (*forms, error) {
		fs := &forms{ids: map[string]int32{}}
		fs.scratch.New = func() any { return &nameScratch{ids: map[string]int32{}} }
		return fs, nil
	})
	return fs
}

// nameScratch is one worker's reusable state for collectNames.
type nameScratch struct {
	// ids caches form ids by raw text (keys are interned, never document text).
	ids map[string]int32
	// initAt[form] is the index in occs of the form's sentence-initial
	// occurrence in this document, valid when initGen[form] == gen.
	initAt  []int32
	initGen []uint32
	gen     uint32
	occs    []occurrence
	offsets []int32
	order   []int32
	pos     [][2]int32
	packed  []byte
}

// formID returns the id of the form written raw (a capitalised word, or two
// joined by a space or a hyphen).
func (sc *nameScratch) formID(fs *forms, raw string) int32 {
	if id, ok := sc.ids[raw]; ok {
		return id
	}
	var id int32
	if isASCII(raw) {
		// NormalizeSpace leaves ASCII words joined by one space or hyphen as they are
		id, raw = fs.id(raw)
	} else {
		id, _ = fs.id(match.NormalizeSpace(raw))
		raw = strings.Clone(raw)
	}
	sc.ids[raw] = id
	return id
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// nameFact is what one document saw of capitalised and CamelCase names:
// 24 bytes an occurrence, no document and no source line. A finding's
// source line and surrounding text are taken from the file after the run
// (lint.NeedLine, lint.NeedContext), except on a line longer than
// lint.MaxLineText (as lint.Pass.Site does): those occurrences' surrounding
// text is in Long, by index in Occs.
type nameFact struct {
	// Packed are the occurrences in document order (occpack.go), N of
	// them, in the run's spill (lint.Spill): they wait there, out of the
	// heap, for Finish.
	Packed lint.Spilled
	N      int
	Locs   []string // office/PDF locations, indexed by occurrence.loc-1
	Long   map[int32]string
}

const (
	occInitial = 1 << 31 // sentence-initial
	occExact   = 1 << 30 // the source bytes are exactly the form (a fix may replace them)
	occTimes   = 1<<30 - 1
)

type occurrence struct {
	form             int32  // forms id
	bits             uint32 // occInitial | occExact | times (occurrences this one stands for)
	line, col        int32  // 1-based; line 1, col 0 for office locations
	srcStart, srcEnd int32  // byte range in the source; -1: none (office/PDF)
}

func (o *occurrence) initial() bool { return o.bits&occInitial != 0 }
func (o *occurrence) times() int    { return int(o.bits & occTimes) }

// site is occurrence i of fact f as a finding's site, as lint.Pass.Site
// gives it but for the text around it, which is taken from the source
// line (filled by the driver after the run), not from the block's text.
func (f *nameFact) site(i int, o *occurrence, path, form string) lint.Site {
	s := lint.Site{Path: path, Line: int(o.line), Col: int(o.col), Match: form, Context: form,
		SrcStart: int(o.srcStart), SrcEnd: int(o.srcEnd), Exact: o.bits&occExact != 0}
	if o.srcStart < 0 {
		s.Line, s.Col = 1, 0
		if i := int(o.srcEnd); i > 0 && i <= len(f.Locs) {
			s.Loc = f.Locs[i-1]
		}
		return s
	}
	s.EndLine, s.EndCol = s.Line, s.Col+utf8.RuneCountInString(form)
	if c, ok := f.Long[int32(i)]; ok {
		s.Context = c
	} else {
		s.Need = lint.NeedLine | lint.NeedContext
	}
	return s
}

// longContexts returns the surrounding text of the occurrences of a text
// document that are on lines longer than lint.MaxLineText, by index.
//
// Each is charged to budget before it is made (content.Budget): a huge
// line with a name every few words holds one each.
func longContexts(src []byte, occs []occurrence, budget *content.Budget) map[int32]string {
	var long map[int32]string
	// the bounds of the last line found: occurrences come in document
	// order, many to a line (a huge line is searched once, not once each)
	lastN, start, end := int32(0), 0, 0
	for i := range occs {
		o := &occs[i]
		if o.srcStart < 0 {
			continue
		}
		if o.line != lastN || int(o.srcStart) < start || int(o.srcStart) > end {
			lastN = o.line
			start = bytes.LastIndexByte(src[:o.srcStart], '\n') + 1
			if end = bytes.IndexByte(src[o.srcStart:], '\n'); end < 0 {
				end = len(src)
			} else {
				end += int(o.srcStart)
			}
		}
		if end-start > lint.MaxLineText {
			if long == nil {
				long = map[int32]string{}
			}
			a, b := max(start, int(o.srcStart)-160), min(end, int(o.srcEnd)+160)
			budget.Alloc(2*(b-a) + longEntryBytes) // the copy, the context (shorter) and the map's entry
			long[int32(i)] = lint.Around(string(src[a:b]), int(o.srcStart)-a, int(o.srcEnd)-a)
		}
	}
	return long
}

// Inconsistent flags minority spellings of a name across the corpus.
var Inconsistent = &lint.Rule{
	Name:    "naming/inconsistent",
	Summary: "a name written in 2+ forms across the corpus: the minority forms",
	Doc: `Works with or without a glossary. Across the whole corpus, every capitalised
or CamelCase name (one word, or two capitalised words joined by a space or a
hyphen) is grouped by its loose key (case, spaces, hyphens, dots and ™®©
ignored). When a group has two or more surface forms and one of them is
used more than any other, every occurrence of the other forms is flagged
and the majority form suggested: "PostHog" 900 times, "Posthog" 12 times.

Not variants: a sentence-initial capital alone ("EBay" at the start of a
sentence where "eBay" is the norm), all-capitals words of three or more
letters (headings in capitals), names inside code, URLs and paths, and
glossary terms (the other naming rules check those). Ties are not reported.`,
	Bad:       "blog/a.md: \"PostHog is great\" ... blog/b.md: \"We use Posthog\"",
	Good:      "one spelling, PostHog, everywhere",
	Default:   lint.Warning,
	Requires:  []lint.Requirement{Matches},
	Fix:       lint.FixHeuristic,
	Run:       collectNames,
	Finish:    finishNames,
	FactTypes: []lint.FactType{nameFacts},
}

// nameFacts carry each document's capitalised names to finishNames.
var nameFacts = &lint.Fact[*nameFact]{Name: "naming/inconsistent.names"}

func collectNames(p *lint.Pass) error {
	var a *Analysis
	if p.Env.Index != nil {
		a = Analyze(p)
	}
	fs := runForms(p.Env)
	sc := fs.scratch.Get().(*nameScratch)
	defer fs.scratch.Put(sc)
	sc.gen++
	if sc.gen == 0 { // wrapped: old stamps could collide
		clear(sc.initGen)
		sc.gen = 1
	}
	occs := sc.occs[:0]
	// The occurrences are charged to the file's budget (content.Budget)
	// block by block after it is read, when the block cannot hold more
	// than the budget has room for (two a token); else one by one before
	// each is added. Both charge the same, so the file's outcome does not
	// depend on which.
	budget := p.Doc.Budget
	careful := false
	var locs []string
	var locIdx map[string]int32
	add := func(bi int, text string, start, end int, initial bool) {
		raw := text[start:end]
		fi := sc.formID(fs, raw)
		// A sentence-initial plain capitalised word ("Teams ship...") is by
		// far the most common candidate and only matters if its form turns
		// out to be a minority: keep one occurrence per form and file, with
		// a count, instead of every position.
		if initial && plainTitle(raw) {
			if int(fi) >= len(sc.initGen) {
				n := max(int(fi)+1, 2*len(sc.initGen), 256)
				sc.initGen = append(sc.initGen, make([]uint32, n-len(sc.initGen))...)
				sc.initAt = append(sc.initAt, make([]int32, n-len(sc.initAt))...)
			}
			if sc.initGen[fi] == sc.gen {
				at := sc.initAt[fi]
				if occs[at].bits&occTimes < occTimes {
					occs[at].bits++
				}
				return
			}
			sc.initGen[fi], sc.initAt[fi] = sc.gen, int32(len(occs))
		}
		if careful {
			budget.Alloc(occBytes)
		}
		o := occurrence{form: fi, bits: 1, srcStart: -1}
		if initial {
			o.bits |= occInitial
		}
		b := &p.Doc.Blocks[bi]
		if ss, se, ok := b.SrcRange(start, end); ok {
			o.srcStart, o.srcEnd = int32(ss), int32(se)
			if b.Exact(start, end) {
				o.bits |= occExact
			}
		} else {
			li, ok := locIdx[b.Loc]
			if !ok {
				if locIdx == nil {
					locIdx = map[string]int32{}
				}
				locs = append(locs, b.Loc)
				li = int32(len(locs))
				locIdx[b.Loc] = li
			}
			o.srcEnd, o.line = li, 1
		}
		occs = append(occs, o)
	}
	for bi := range p.Doc.Blocks {
		text := p.Doc.Blocks[bi].Text
		var covered []match.Match
		toks := p.Tokens(bi)
		if a != nil {
			covered = a.matches(bi)
		}
		ci := 0
		inTerm := func(tk match.Token) bool {
			for ci < len(covered) && covered[ci].End <= int(tk.Start) {
				ci++
			}
			return ci < len(covered) && covered[ci].Start < int(tk.End)
		}
		prevCand := -1
		before := len(occs)
		room := budget.Room()
		careful = room >= 0 && int64(2*len(toks)*occBytes) > room
		for ti, tk := range toks {
			if !candidate(tk) || inTerm(tk) {
				prevCand = -1
				continue
			}
			add(bi, text, int(tk.Start), int(tk.End), tk.Flags&match.FlagSentence != 0)
			if prevCand >= 0 && prevCand == ti-1 && tk.Flags&match.FlagFirstUp != 0 && toks[prevCand].Flags&match.FlagFirstUp != 0 {
				sep := text[toks[prevCand].End:tk.Start]
				if sep == " " || sep == "-" {
					add(bi, text, int(toks[prevCand].Start), int(tk.End), toks[prevCand].Flags&match.FlagSentence != 0)
				}
			}
			prevCand = ti
		}
		if !careful {
			budget.Alloc((len(occs) - before) * occBytes)
		}
	}
	sc.occs = occs[:0]
	if len(occs) == 0 {
		return nil
	}
	// line:col for every occurrence in one sweep over the source, and the
	// packed facts: scratch, charged until the fact is made
	scratch := len(occs) * occScratchBytes
	budget.Alloc(scratch)
	offsets := sc.offsets[:0]
	for i := range occs {
		if occs[i].srcStart >= 0 {
			offsets = append(offsets, occs[i].srcStart)
		}
	}
	sc.offsets = offsets
	pos := sc.lineCols(p.Doc.Src, offsets)
	k := 0
	for i := range occs {
		if o := &occs[i]; o.srcStart >= 0 {
			o.line, o.col = pos[k][0], pos[k][1]
			k++
		}
	}
	sc.packed = packOccs(sc.packed[:0], occs)
	budget.Free(scratch)
	budget.Alloc(len(sc.packed)) // the fact's copy, in the spill's chunk until it is full
	lint.Export(p, nameFacts, &nameFact{Packed: lint.Keep(p.Env, sc.packed), N: len(occs),
		Locs: locs, Long: longContexts(p.Doc.Src, occs, budget)})
	return nil
}

// occBytes is the size of an occurrence; occScratchBytes is what one
// costs in the scratch after collection (its offset, line and column,
// sort order and packed bytes); longEntryBytes is about what an entry of
// a map[int32]string costs beyond its string.
const (
	occBytes        = int(unsafe.Sizeof(occurrence{}))
	occScratchBytes = 4 + 8 + 4 + 6*binary.MaxVarintLen32
	longEntryBytes  = 48
)

// lineCols converts byte offsets to 1-based line and rune column in one
// pass over src (offsets in any order), as content.Document.LineCol does: a
// byte-order mark at the start is not a column, and in invalid UTF-8 each
// bad byte is one. The result is valid until the next call.
func (sc *nameScratch) lineCols(src []byte, offsets []int32) [][2]int32 {
	order := sc.order[:0]
	sorted := true
	for i := range offsets {
		order = append(order, int32(i))
		if i > 0 && offsets[i] < offsets[i-1] {
			sorted = false
		}
	}
	if !sorted {
		slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(offsets[a], offsets[b]) })
	}
	sc.order = order
	out := slices.Grow(sc.pos[:0], len(offsets))[:len(offsets)]
	sc.pos = out
	line, col, at := int32(1), int32(1), 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		at = 3
	}
	count := runeStarts // equal to utf8.RuneCount on valid UTF-8, and faster
	if !utf8.Valid(src) {
		count = utf8.RuneCount
	}
	for _, i := range order {
		off := min(int(offsets[i]), len(src))
		if off > at {
			// the newlines up to off (counted eight bytes or more at a
			// time), then the runes after the last of them
			if nl := bytes.Count(src[at:off], newline); nl > 0 {
				line, col, at = line+int32(nl), 1, at+bytes.LastIndexByte(src[at:off], '\n')+1
			}
			col += int32(count(src[at:off]))
			at = off
		}
		out[i] = [2]int32{line, col}
	}
	return out
}

var newline = []byte{'\n'}

// runeStarts counts the bytes of b that are not UTF-8 continuation bytes
// (10xxxxxx), eight at a time.
func runeStarts(b []byte) int {
	n := len(b)
	cont := 0
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// a continuation byte has its top bit set and the next one clear
		cont += bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
		b = b[8:]
	}
	for _, c := range b {
		if c&0xC0 == 0x80 {
			cont++
		}
	}
	return n - cont
}

// candidate reports whether a token may be (part of) a product-like name.
func candidate(tk match.Token) bool {
	if tk.Flags&(match.FlagPathLike) != 0 || tk.Flags&match.FlagUpper == 0 {
		return false
	}
	if tk.Flags&match.FlagLower == 0 && tk.End-tk.Start >= 3 {
		return false // all capitals: headings, acronyms
	}
	return tk.End-tk.Start >= 2
}

// allCaps reports whether w has letters and all of them are upper case.
func allCaps(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsUpper(r)
	}
	return letters
}

// plainTitle reports whether w is an ASCII word with only its first letter
// in upper case ("Teams").
func plainTitle(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}
