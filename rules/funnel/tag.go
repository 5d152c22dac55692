package funnel

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
)

// How a stage is decided from content (see docs/funnel.md):
//
//  1. the document's features are scored by the shipped model (learned.go);
//  2. the deepest path segment the conventions know adds its weight to its
//     stage (paths.go);
//  3. the config's funnel.signals add theirs;
//  4. a softmax gives each stage a probability; the best stage is the
//     asset's stage and its probability the confidence, unless the
//     evidence is too weak or split (below MinConfidence): then "unknown";
//  5. once every asset is tagged, Settle learns from the repository's own
//     labelled assets and decides again the assets that had no explicit
//     label (inrepo.go).

// MinConfidence is the least probability a stage needs to be chosen;
// below it the asset is "unknown" (weak or split evidence).
const MinConfidence = 0.34

// MaxContentConfidence caps the confidence of a stage decided from
// content.
const MaxContentConfidence = 0.99

// MinWords is the least number of words the model knows that a
// document needs to be tagged from content alone (with no path
// convention and no config signal); below it the asset is "unknown".
const MinWords = 4

// maxCandidates bounds the evidence candidates kept per asset.
const maxCandidates = 12

// tagState is what Annotate keeps per asset for Settle.
type tagState struct {
	scores   []float64 // per configured stage: model, path and config signals
	known    int       // features the model knows
	words    int       // of which single words (not pairs or shapes)
	path     pathEvidence
	hasPath  bool
	signals  []float64 // the config signals' part of scores
	explicit bool      // front matter or funnel.paths decided the stage
	hashes   []uint32  // features, for in-repo learning
	all      []uint64  // every feature (training runs only)
	cands    []candidate
	labels   string    // the candidates' labels, end to end
	ws       []float32 // the candidates' weights
}

// candRef is an evidence candidate while scoring: a feature's index in
// the document's features and how hard it pulls towards a stage.
type candRef struct {
	i    int
	pull float32
}

// candidate is a feature that may be named as evidence: its label
// (tagState.labels[lo:hi]: offsets, not a string of its own, take 12
// bytes a candidate instead of 24, kept for every asset to the end of
// the run) and its weight for each configured stage.
type candidate struct {
	lo, hi uint32
	w      int32 // its weights per configured stage are tagState.ws[w:w+stages]
}

// label returns the candidate's label.
func (st *tagState) label(c candidate) string { return st.labels[c.lo:c.hi] }

// modelStages maps each configured stage to the shipped model's stage
// index (-1 when the model does not know it).
func (md *model) modelStages(m *Model) []int {
	md.mapOnce.Do(func() {
		md.toModel = make([]int, len(md.stages))
		for i, st := range md.stages {
			md.toModel[i] = -1
			for j, ms := range m.Stages {
				if name, ok := StageName([]string{st}, ms); ok && name == st {
					md.toModel[i] = j
				}
			}
		}
	})
	return md.toModel
}

// tag scores the document's content and, unless the stage is already
// explicit, decides it.
func (md *model) tag(env *lint.Env, sc *scores, a *Asset, explicit bool) {
	m := md.learned
	n := len(md.stages)
	// the scratch state's arrays are reused (every value is packed and
	// copied out once the asset is tagged)
	st := &sc.st
	both := slices.Grow(st.scores[:0:cap(st.scores)], 2*n)[:2*n] // scores and signals
	clear(both)
	*st = tagState{scores: both[:n:n], signals: both[n:n], explicit: explicit,
		hashes: st.hashes[:0], cands: st.cands[:0], ws: st.ws[:0]}
	fs := &sc.feats
	if md.keepAll {
		st.all = make([]uint64, len(fs.list))
		for i := range fs.list {
			st.all[i] = fs.list[i].h
		}
	}
	if m != nil {
		ns := len(m.Stages)
		var msBuf [8]float64
		ms := msBuf[:0]
		if ns <= len(msBuf) {
			ms = msBuf[:ns]
		} else {
			ms = make([]float64, ns)
		}
		n := len(fs.list)
		sc.hs = slices.Grow(sc.hs[:0], n)[:n]
		sc.idx = slices.Grow(sc.idx[:0], n)[:n]
		sc.vals = slices.Grow(sc.vals[:0], n)[:n]
		for i := range fs.list {
			sc.hs[i] = fs.list[i].h
		}
		st.known = m.score(sc.hs, ms, sc.idx, sc.vals)
		toModel := md.modelStages(m)
		for i, j := range toModel {
			if j >= 0 {
				st.scores[i] = ms[j]
			}
		}
		// evidence candidates: the features that pull hardest towards
		// any stage, away from the mean
		cws := sc.cands[:0]
		for k, fi := range sc.idx {
			if fi < 0 {
				continue
			}
			switch KindOf(sc.hs[k]) {
			case fTitle, fHeading, fMeta, fBody, fValue:
				st.words++
			}
			pull := m.pullOf(fi) * float32(sc.vals[k])
			// keep the maxCandidates strongest, strongest first, the
			// earlier feature first among equals
			if len(cws) == maxCandidates && pull <= cws[len(cws)-1].pull {
				continue
			}
			j := len(cws)
			if j < maxCandidates {
				cws = append(cws, candRef{})
			} else {
				j--
			}
			for j > 0 && cws[j-1].pull < pull {
				cws[j] = cws[j-1]
				j--
			}
			cws[j] = candRef{k, pull}
		}
		sc.cands = cws
		ws := slices.Grow(st.ws, len(cws)*len(md.stages))[:len(cws)*len(md.stages)]
		st.ws = ws
		// the labels share one string: one allocation per document
		var lb strings.Builder
		lb.Grow(32 * len(cws))
		for ci, c := range cws {
			f := &fs.list[c.i]
			fi := sc.idx[c.i]
			w := ws[ci*len(md.stages) : (ci+1)*len(md.stages)]
			row := m.W[fi*ns : fi*ns+ns]
			if m.rows != nil {
				row = m.rows[fi].w[:] // the line its pull was read from
			}
			for i, j := range toModel {
				if j >= 0 {
					w[i] = row[j] * float32(sc.vals[c.i])
				}
			}
			lo := lb.Len()
			if f.kind == fShape || f.kind == fKey || f.blk < 0 || len(fs.word(f)) >= 3 {
				fs.writeLabel(&lb, f) // too short a word says nothing to a reader
			}
			st.cands = append(st.cands, candidate{lo: uint32(lo), hi: uint32(lb.Len()), w: int32(ci * len(md.stages))})
		}
		st.labels = lb.String()
	}
	if pe, ok := conventionOf(a.Path); ok && md.conventions {
		if i := slices.Index(md.stages, pe.stage); i >= 0 {
			st.path, st.hasPath = pe, true
			st.scores[i] += pe.weight
		}
	}
	st.signals = append(st.signals[:0], sc.stage...)
	for i, s := range sc.stage {
		st.scores[i] += s // config signals
	}
	st.hashes = inRepoHashes(fs, st.hashes)
	if !explicit {
		md.decide(st, nil, a, nil)
	}
	e := lint.Enc{B: sc.pack[:0]}
	packState(&e, st)
	sc.pack = e.B
	a.keepState(env, st, e.B)
}

// AssetFeatures returns the feature hashes of an asset tagged in a run
// whose env was given UseModel(env, m, true), in the order they were
// found, without repeats; nil otherwise.
func AssetFeatures(a *Asset) []uint64 {
	return a.all
}

// decide sets the asset's stage, confidence and evidence from its scores
// plus extra (the in-repo model's, or nil). like describes the in-repo
// examples of a stage when they counted for it (nil: none did).
func (md *model) decide(st *tagState, extra []float64, a *Asset, like func(stage int) string) {
	m := md.learned
	temp := 1.0
	if m != nil && m.Temperature > 0 {
		temp = float64(m.Temperature)
	}
	n := len(md.stages)
	var sBuf, pBuf [8]float64
	s, p := sBuf[:0], pBuf[:0]
	if n <= len(sBuf) {
		s, p = sBuf[:n], pBuf[:n]
	} else {
		s, p = make([]float64, n), make([]float64, n)
	}
	copy(s, st.scores)
	for i := range extra {
		s[i] += extra[i]
	}
	a.Stage, a.StageSource, a.Confidence, a.Evidence = Unknown, SourceNone, 0, nil
	a.RunnerUp, a.RunnerUpConfidence = "", 0
	signal := st.known > 0 || st.hasPath || extra != nil
	configured := false // a config signal counted
	for _, x := range st.signals {
		configured = configured || x != 0
	}
	if !signal && !configured || n == 0 {
		a.Evidence = []string{"no stage signal"}
		return
	}
	if st.words < MinWords && !st.hasPath && !configured {
		a.Evidence = []string{fmt.Sprintf("weak: %s the model knows, %d needed", plural(st.words, "word"), MinWords)}
		return
	}
	Softmax(s, temp, p)
	best, second := 0, -1
	for i := 1; i < n; i++ {
		if p[i] > p[best] {
			best = i
		}
	}
	for i := 0; i < n; i++ {
		if i != best && (second < 0 || p[i] > p[second]) {
			second = i
		}
	}
	l := ""
	if like != nil {
		l = like(best)
	}
	ev := md.evidence(st, best, second, l)
	if p[best] < MinConfidence {
		head := fmt.Sprintf("weak or split: %s %.2f", md.stages[best], p[best])
		if second >= 0 {
			head += fmt.Sprintf(" vs %s %.2f", md.stages[second], p[second])
		}
		a.Evidence = append([]string{head}, ev...)
		return
	}
	a.Stage, a.StageSource = md.stages[best], SourceContent
	// a stage read from content is never certain: 1 is for front matter
	// and funnel.paths
	a.Confidence = min(round2(p[best]), MaxContentConfidence)
	if second >= 0 {
		a.RunnerUp, a.RunnerUpConfidence = md.stages[second], round2(p[second])
	}
	a.Evidence = ev
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func round2(x float64) float64 { return math.Round(math.Max(0, math.Min(1, x))*100) / 100 }

// evidence names, strongest first, what made best win over second: the
// path segment, the features that pull towards best most, and the
// in-repo examples.
func (md *model) evidence(st *tagState, best, second int, like string) []string {
	out := make([]string, 0, maxEvidence+2)
	if st.hasPath && st.path.stage == md.stages[best] {
		out = append(out, "path: "+st.path.segment)
	}
	type cv struct {
		label string
		v     float32
	}
	cvs := make([]cv, 0, len(st.cands))
	for _, c := range st.cands {
		if c.hi == c.lo {
			continue
		}
		w := st.ws[c.w : int(c.w)+len(md.stages)]
		v := w[best]
		if second >= 0 {
			v -= w[second]
		}
		if v > 0.05 {
			cvs = append(cvs, cv{st.label(c), v})
		}
	}
	slices.SortStableFunc(cvs, func(a, b cv) int {
		switch {
		case a.v > b.v:
			return -1
		case a.v < b.v:
			return 1
		}
		return strings.Compare(a.label, b.label)
	})
	for _, c := range cvs {
		if len(out) >= maxEvidence-1 {
			break
		}
		out = append(out, c.label)
	}
	if like != "" {
		out = append(out, like)
	}
	if st.hasPath && st.path.stage != md.stages[best] {
		out = append(out, "outvoted path: "+st.path.segment+" ("+st.path.stage+")")
	}
	return compactStrings(out)
}

// compactStrings copies list into one string and a slice of its length:
// the asset keeps its evidence to the end of the run, and the labels it
// picked point into a string of every candidate's label.
func compactStrings(list []string) []string {
	if len(list) == 0 {
		return []string{}
	}
	n := 0
	for _, s := range list {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range list {
		b.WriteString(s)
	}
	all := b.String()
	out := make([]string, len(list))
	at := 0
	for i, s := range list {
		out[i] = all[at : at+len(s)]
		at += len(s)
	}
	return out
}
