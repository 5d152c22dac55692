package claims

import (
	"sort"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// stat kinds.
const (
	kindNone = iota
	kindPercent
	kindMultiplier
	kindMoney
	kindCount
	kindTime
	kindRanking
)

var kindNames = []string{"", "percentage", "multiplier", "money figure", "count", "time figure", "ranking"}

// Figure is a statistic-like figure of a document, in its context: the
// element of Statistics. The exported fields are what
// consistency/claim-conflict reads; the others are the claims rules' own.
type Figure struct {
	Block      int    // the block, an index into Doc.Blocks
	Start, End int    // the figure's bytes in the block's text (currency sign and unit included)
	Num        Number // its value and unit
	// SentStart:SentEnd is the figure's sentence in the block's text (at
	// most sentenceWindow tokens either side of the figure).
	SentStart, SentEnd int
	// Keys are the figure's statement with the figure masked (see
	// conflictKeys): none for a ranking or a statement of too few words.
	Keys       []string
	Registered bool // inside a registered claim's match
	Competitor bool // the sentence is about a competitor
	Change     bool // the sentence states a change ("from 100 to 50")

	unitWord string // Quantity.UnitWord
	kind     int
	// tokLo:tokHi are the tokens of the sentence (Start in [SentStart, SentEnd)).
	tokLo, tokHi int
}

// Statistics is a document's statistic-like figures (a figure attached to
// a benefit, see classify): the only ones the rules built on it
// (claims/unregistered-statistic and consistency/claim-conflict) look at,
// so other figures are not kept.
type Statistics struct {
	Figures []Figure // in document order
	// Err is the error of the claims configuration when it does not
	// compile (Figures is then empty): a rule reading Stats returns it.
	Err error
}

// Stats is the document's statistics, computed once per document and
// shared by claims/unregistered-statistic and consistency/claim-conflict.
var Stats = &lint.Analysis[*Statistics]{
	Name:     "claims/stats",
	Doc:      "the statistics the document states: figures with their unit and direction",
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Run: func(p *lint.Pass) *Statistics {
		c, err := compileFor(p)
		if err != nil {
			return &Statistics{Err: err}
		}
		return buildStats(p, c)
	},
}

func stats(p *lint.Pass) *Statistics { return lint.ResultOf(p, Stats) }

// word lists (folded)
var (
	benefitWords = set(`faster quicker higher lower more less fewer better cheaper smaller bigger greater larger shorter
		increase increased increases increasing decrease decreased decreases reduce reduced reduces reducing reduction
		cut cuts cutting save saves saved saving savings improve improved improves improvement improvements boost boosts boosted
		growth grow grows grew lift uplift gain gains roi revenue productivity efficiency conversion conversions churn retention
		accelerate accelerates accelerated drop drops dropped speed speedup outperform outperforms return returns
		win wins profit profits pipeline lowering doubled tripled`)
	socialNouns = set(`customers customer users companies teams developers engineers organizations organisations businesses
		brands installs installations downloads stars members people clients enterprises startups countries partners
		integrations contributors subscribers employees staff consultants merchants sellers agencies marketers creators students schools hospitals
		banks retailers professionals`)
	timeNouns = set(`ms milliseconds millisecond s sec secs second seconds min mins minute minutes h hr hrs hour hours
		day days week weeks month months year years`)
	unitNouns   = set(`gb mb tb kb pb gbps mbps requests queries events rows messages tickets deployments deploys builds tests lines`)
	notQuantity = set(`version v step steps port chapter page pages section figure fig table rule tip part phase level tier
		issue item episode lesson module unit release line lines column row option slide appendix question q exercise day week`)
	promoWords = set(`billing billed discount discounts coupon code promo off plan plans pricing price prices
		trial start starts starting from only just`)
	savingsWords      = set(`save saves saved saving savings roi profit profits`)
	socialMarkers     = set(`over than trusted used by join joined serving serves loved powering powers chosen nearly almost`)
	timeContext       = set(`after before ago last every each per first next past later earlier`)
	promoBenefitWords = set(`faster higher more fewer less productivity revenue conversion`)
	moneyBenefitWords = set(`save saves saved saving savings reduce reduces reduced cut cuts increase increased increases
		boost boosts boosted growth gain gains revenue roi profit profits generated generate generates`)
	perWords         = set(`user users seat seats month year mo yr license licence member members agent agents host hosts node nodes`)
	timeBenefitWords = set(`save saves saved saving savings cut cuts cutting reduce reduces reduced reducing faster quicker shorter sooner`)
	countAdjectives  = set(`happy active paying satisfied global enterprise monthly daily weekly registered unique github
		supporting loyal new existing open source mobile`)
	periodWords = set(`month months monthly year years yearly annual annually week weeks weekly day days daily quarter quarters
		quarterly hour hourly p50 p75 p90 p95 p99 p999 median average mean peak`)
	keyStop = set(`a an the of in on for with and or by to up our your their its we you they it is are be was than as at
		from that this over about just only nearly almost around roughly approximately some all any per each every into
		can will up more`)
	changeWords  = set(`was were previously formerly now`)
	changePhrase = []string{"going forward", "no longer", "instead of", "used to", "from now on", "starting", "effective", "up from", "down from", "changed", "will change"}
	commonCaps   = set(`i we our you your the a an in on for with our this that these those it its if when while unlike compared
		with by at as from to and or but so source sources according monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december q1 q2 q3 q4`)
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// statBlock is buildStats' view of the block at hand: its text, tokens,
// folded words and sentence starts.
type statBlock struct {
	bi     int
	blk    *content.Block
	text   string
	toks   []match.Token
	fw     *lint.Words // folded tokens
	sents  []int32     // starts of the FlagSentence tokens (once sentOK)
	sentOK bool
	// the last statesChange answer, by sentence
	chS, chE int
	chOK     bool
	ch       bool
}

// foldWords folds every token with match.Fold (when the shared words do
// not line up with the tokens).
func foldWords(text string, toks []match.Token) *lint.Words {
	w := &lint.Words{Offs: make([]int32, 1, len(toks)+1)}
	for _, t := range toks {
		w.Arena = append(w.Arena, match.Fold(text[t.Start:t.End])...)
		w.Offs = append(w.Offs, int32(len(w.Arena)))
	}
	return w
}

// sentence returns the sentence around pos (as sentenceAround) and the
// range of its tokens.
func (sb *statBlock) sentence(pos int) (ss, se, lo, hi int) {
	if !sb.sentOK {
		sb.sentOK = true
		sb.sents = sb.sents[:0]
		for _, t := range sb.toks {
			if t.Flags&match.FlagSentence != 0 {
				sb.sents = append(sb.sents, t.Start)
			}
		}
	}
	k := sort.Search(len(sb.sents), func(i int) bool { return int(sb.sents[i]) > pos })
	ss, se = 0, len(sb.text)
	if k > 0 {
		ss = int(sb.sents[k-1])
	}
	if k < len(sb.sents) {
		se = int(sb.sents[k])
	}
	lo, hi = tokenRange(sb.toks, ss, se)
	// A "sentence" of thousands of words is not prose (or is hostile):
	// the rules read at most sentenceWindow tokens either side of pos, so
	// the work per figure stays bounded and a block's cost linear.
	if hi-lo > 2*sentenceWindow {
		k := lo + sort.Search(hi-lo, func(i int) bool { return int(sb.toks[lo+i].Start) >= pos })
		if k-sentenceWindow > lo {
			lo = k - sentenceWindow
			ss = int(sb.toks[lo].Start)
		}
		if k+sentenceWindow < hi {
			hi = k + sentenceWindow
			se = int(sb.toks[hi].Start)
		}
	}
	return ss, se, lo, hi
}

// sentenceWindow bounds, in tokens either side of a figure, the sentence
// the claims rules read around it.
const sentenceWindow = 100

// tokenRange returns the tokens whose Start is in [s, e): toks[lo:hi].
func tokenRange(toks []match.Token, s, e int) (lo, hi int) {
	lo = sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= s })
	hi = lo + sort.Search(len(toks)-lo, func(i int) bool { return int(toks[lo+i].Start) >= e })
	return lo, hi
}

func buildStats(p *lint.Pass, c *compiled) *Statistics {
	a := analyze(p)
	sa := &Statistics{}
	var buf []byte
	var sb statBlock // reused from block to block
	for bi := range p.Doc.Blocks {
		if !a.hasNum[bi] {
			continue
		}
		b := a.block(bi)
		blk := &p.Doc.Blocks[bi]
		sb = statBlock{bi: bi, blk: blk, text: blk.Text, toks: b.tokens(), fw: b.w, sents: sb.sents[:0]}
		text, toks := sb.text, sb.toks
		if len(toks) != b.words() {
			sb.fw = foldWords(text, toks)
		}
		fw := sb.fw
		for ti := 0; ti < len(toks); ti++ {
			t := toks[ti]
			if !mayStartFigure(text, t, fw.Word(ti)) {
				continue
			}
			// rankings: #1, No. 1
			if isDigit(text[t.Start]) && t.Start > 0 && text[t.Start-1] == '#' && t.Flags&match.FlagPathLike == 0 {
				inParens := t.Start >= 2 && text[t.Start-2] == '(' || ti > 0 && (notQuantity[string(fw.Word(ti-1))] || itemNouns[string(fw.Word(ti-1))])
				if v := fw.Word(ti); len(v) <= 2 && atoi(v) >= 1 && atoi(v) <= 10 && !inParens && !isDigitsOnlyAfter(text, int(t.End)) {
					qu := Figure{Block: bi, Start: int(t.Start) - 1, End: int(t.End), Num: Number{Value: float64(atoi(v))}, kind: kindRanking}
					qu.SentStart, qu.SentEnd, qu.tokLo, qu.tokHi = sb.sentence(qu.Start)
					sourced := hasCitation(text[qu.SentStart:qu.SentEnd]) || sentenceHasLink(p.Doc, bi, qu.SentStart, qu.SentEnd)
					// unsourced rankings are claims/forbidden's (defaults on)
					if sourced || !c.defaultsOn {
						sa.add(c, a, &sb, qu)
					}
				}
				continue
			}
			q, ok := quantityAtWord(text, toks, ti, fw.Word(ti), &buf)
			if !ok {
				continue
			}
			first := ti
			for ti+1 < len(toks) && int(toks[ti+1].Start) < q.End {
				ti++
			}
			last := ti
			if skipQuantity(text, toks, fw, first, last, q) {
				continue
			}
			// a detached unit noun: "40 hours", "10,000 happy customers"
			if q.UnitWord == "" && q.Num.Unit == Count {
				for k := last + 1; k <= last+2 && k < len(toks); k++ {
					w := fw.Word(k)
					if socialNouns[string(w)] || timeNouns[string(w)] || unitNouns[string(w)] {
						if k == last+2 && !countAdjectives[string(fw.Word(last+1))] {
							break
						}
						prevEnd := int(toks[k-1].End)
						if k == last+1 {
							prevEnd = q.End
						}
						if sep := text[min(prevEnd, int(toks[k].Start)):toks[k].Start]; strings.TrimSpace(sep) != "" && sep != "-" {
							break
						}
						q.UnitWord = string(w)
						break
					}
				}
			}
			if q.Num.Unit == Count && q.UnitWord == "" {
				continue // a plain number: classify says kindNone, not a statistic
			}
			qu := Figure{Block: bi, Start: q.Start, End: q.End, Num: q.Num, unitWord: q.UnitWord}
			var stat bool
			qu.SentStart, qu.SentEnd, qu.tokLo, qu.tokHi = sb.sentence(q.Start)
			qu.kind, stat = classify(blk, text, toks, fw, first, last, q, qu.tokLo, qu.tokHi)
			if stat {
				sa.add(c, a, &sb, qu)
			}
		}
	}
	return sa
}

func atoi(s []byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isDigitsOnlyAfter reports "#1.2" (a version or a heading number).
func isDigitsOnlyAfter(text string, end int) bool {
	return end+1 < len(text) && (text[end] == '.' || text[end] == ',') && isDigit(text[end+1])
}

// skipQuantity reports figures that are obviously not marketing claims:
// years, versions, ports, times of day, step and page numbers, ranges
// like 24/7, codes.
func skipQuantity(text string, toks []match.Token, fw *lint.Words, first, last int, q Quantity) bool {
	n := q.Num
	if n.Unit == Count && q.UnitWord == "" && !n.Scaled && !n.Plus && n.Value >= 1900 && n.Value <= 2100 && n.Value == float64(int(n.Value)) {
		return true // a year
	}
	if pre := strings.TrimRight(text[:q.Start], " "); strings.HasSuffix(pre, "±") || strings.HasSuffix(pre, "+/-") || strings.HasSuffix(pre, "+/=") {
		return true // a tolerance
	}
	if first > 0 && notQuantity[string(fw.Word(first-1))] {
		return true
	}
	if q.Start > 0 {
		switch text[q.Start-1] {
		case ':', '/', '#', '@', '.', '^':
			return true
		case '-':
			if wordRuneBefore(text, q.Start-1) {
				return true // 10-20, pre-2020
			}
		}
	}
	if q.End < len(text) {
		switch text[q.End] {
		case ':', '/', '.', '-':
			if q.End+1 < len(text) && isDigit(text[q.End+1]) {
				return true // 10:30, 24/7, 1.2.3, 2019-2020
			}
		}
	}
	return false
}

// classify decides the kind of a figure and whether it is a statistic-like
// statement: a figure attached to a benefit.
//
// The sentence's tokens are toks[sLo:sHi].
func classify(blk *content.Block, text string, toks []match.Token, fw *lint.Words, first, last int, q Quantity, sLo, sHi int) (int, bool) {
	// token window inside the sentence (the figure's tokens included)
	lo, hi := min(first, sLo), max(last, sHi-1)
	near := func(before, after int, words map[string]bool) bool {
		for k := max(lo, first-before); k <= min(hi, last+after); k++ {
			if (k < first || k > last) && words[string(fw.Word(k))] {
				return true
			}
		}
		return false
	}
	upTo := first >= 2 && string(fw.Word(first-2)) == "up" && string(fw.Word(first-1)) == "to"
	promo := near(8, 8, promoWords)
	// a price: "$10 per user", "$10/mo"
	perPrice := q.End < len(text) && text[q.End] == '/'
	if last+2 <= hi && (string(fw.Word(last+1)) == "per" || string(fw.Word(last+1)) == "a" || string(fw.Word(last+1)) == "an") && perWords[string(fw.Word(last+2))] {
		perPrice = true
	}
	prev := func(k int) []byte { // the k-th word before the figure in the sentence
		if first-k >= lo {
			return fw.Word(first - k)
		}
		return nil
	}
	after := last // the unit noun belongs to the figure
	if q.UnitWord != "" && after+1 <= hi && string(fw.Word(after+1)) == q.UnitWord {
		after++
	}
	next := func(k int) []byte {
		if after+k <= hi {
			return fw.Word(after + k)
		}
		return nil
	}
	// a threshold or a limit, not a claim: "more than $1,000", "at least
	// 50%", "no larger than 80%", "20% or less"
	threshold := string(prev(1)) == "than" || string(prev(1)) == "least" || string(prev(1)) == "most" ||
		string(next(1)) == "or" && (string(next(2)) == "less" || string(next(2)) == "more" || string(next(2)) == "higher" || string(next(2)) == "lower" || string(next(2)) == "above" || string(next(2)) == "below")
	switch n := q.Num; {
	case n.Unit == Percent:
		if threshold {
			return kindPercent, false
		}
		if promo && !near(6, 6, promoBenefitWords) {
			return kindPercent, false
		}
		ofSocial := last+2 <= hi && string(fw.Word(last+1)) == "of" && (socialNouns[string(fw.Word(last+2))] || last+3 <= hi && socialNouns[string(fw.Word(last+3))])
		return kindPercent, upTo || near(6, 6, benefitWords) || ofSocial
	case n.Unit == Multiplier:
		return kindMultiplier, near(0, 3, benefitWords) || (last+1 <= hi && string(fw.Word(last+1)) == "as")
	case n.Unit == Money:
		if blk.Scope == content.ScopeTableCell || promo || threshold {
			return kindMoney, false
		}
		if near(6, 6, savingsWords) {
			return kindMoney, true
		}
		return kindMoney, !perPrice && near(6, 6, moneyBenefitWords)
	case q.UnitWord != "" && socialNouns[q.UnitWord]:
		// social proof: "10,000+ customers", "trusted by 500 teams", "over 2M users"
		if n.Value < 100 && !n.Scaled || string(next(1)) == "per" {
			return kindCount, false
		}
		marker := n.Plus
		for k := 1; k <= 3 && !marker; k++ {
			marker = socialMarkers[string(prev(k))]
		}
		return kindCount, marker
	case q.UnitWord != "" && timeNouns[q.UnitWord]:
		// a time saving, not a limit or a timeout: "save 10 hours", "in under 5 minutes"
		under := first >= 2 && string(fw.Word(first-2)) == "in" && string(fw.Word(first-1)) == "under" ||
			first >= 3 && string(fw.Word(first-3)) == "in" && string(fw.Word(first-2)) == "less" && string(fw.Word(first-1)) == "than"
		if timeContext[string(prev(1))] || timeContext[string(next(1))] || threshold && !under {
			return kindTime, false // "after one hour", "20 minutes ago", "the last 10 minutes"
		}
		return kindTime, under || near(6, 4, timeBenefitWords)
	case q.UnitWord != "":
		return kindCount, !threshold && near(6, 4, benefitWords) && !n.Spelled
	}
	return kindNone, false
}

// add completes a figure with its context (registered claim, competitor,
// change, conflict keys) and records it.
func (sa *Statistics) add(c *compiled, a *docAnalysis, sb *statBlock, qu Figure) {
	text, toks, fw := sb.text, sb.toks, sb.fw
	for _, h := range a.hits {
		if h.block == qu.Block && h.start < qu.End && qu.Start < h.end {
			qu.Registered = true
			break
		}
	}
	qu.Competitor = aboutCompetitor(c, text, toks, fw, qu.tokLo, qu.tokHi, qu.SentStart, qu.Start)
	if !sb.chOK || sb.chS != qu.SentStart || sb.chE != qu.SentEnd {
		sb.chOK, sb.chS, sb.chE = true, qu.SentStart, qu.SentEnd
		sb.ch = statesChange(text, toks, fw, qu.tokLo, qu.tokHi, qu.SentStart, qu.SentEnd)
	}
	qu.Change = sb.ch
	if qu.kind != kindNone && qu.kind != kindRanking {
		qu.Keys = conflictKeys(c, text, toks, fw, qu)
	}
	sa.Figures = append(sa.Figures, qu)
}
