package funnel

import (
	"encoding/binary"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/naming"
)

// Asset is what msglint knows about one file as a go-to-market asset:
// the funnel tagger's result for it.
type Asset struct {
	Path        string
	Format      string
	Title       string
	Stage       string
	StageSource string // frontmatter | path | content | none
	Confidence  float64
	Evidence    []string
	Team        string
	Audiences   []string
	Objections  []string
	Products    []string
	// Backend names the extraction backend where there is a choice (PDF).
	Backend string
	// RunnerUp is the second most likely stage and its probability, when
	// the stage was decided from content ("" otherwise).
	RunnerUp           string
	RunnerUpConfidence float64

	// state is the tagger's per-asset state for the in-repo learning
	// (Settle), packed (packState) in the run's spill (lint.Spill): about
	// 1 KB an asset that would otherwise wait in the heap for every other
	// file. Settle drops it. What Settle needs to choose its examples
	// without reading the state back is beside it.
	state     lint.Spilled
	explicit  bool   // front matter or funnel.paths decided the stage
	hashes    bool   // the state has in-repo features
	pathStage string // the stage of the path convention that counted ("": none)
	// all is every feature's hash (training runs only: AssetFeatures).
	all []uint64
	// parked holds every string and list of the asset, packed (park)
	// while it waits for Finish: one string instead of a dozen pointers
	// for the collector to visit in every cycle. "" when the asset is not
	// parked.
	parked string
}

// park packs the asset's strings and lists into a.parked and clears
// them (Stages.Park: the file's rules have read them). Finish unparks.
func (a *Asset) park() {
	if a == nil || a.parked != "" {
		return
	}
	strs, lists := a.parkedFields()
	n := 1
	for _, s := range strs {
		n += len(*s) + 2
	}
	for _, l := range lists {
		n++
		for _, s := range *l {
			n += len(s) + 2
		}
	}
	b := make([]byte, 0, n)
	b = append(b, 1) // never "" once parked
	for _, s := range strs {
		b = appendParkedString(b, *s)
		*s = ""
	}
	for _, l := range lists {
		b = appendParkedList(b, *l)
		*l = nil
	}
	a.parked = string(b)
}

// unpark restores what park packed (nothing when the asset is not
// parked). The strings point into the packed one: no copy.
func (a *Asset) unpark() {
	if a == nil || a.parked == "" {
		return
	}
	r := parkedReader{s: a.parked, at: 1}
	strs, lists := a.parkedFields()
	for _, s := range strs {
		*s = r.str()
	}
	for _, l := range lists {
		*l = r.list()
	}
	a.parked = ""
}

// parkedFields are the fields park packs and unpark restores, in order.
func (a *Asset) parkedFields() ([9]*string, [4]*[]string) {
	return [...]*string{&a.Path, &a.Format, &a.Title, &a.Stage, &a.StageSource, &a.Team, &a.Backend, &a.RunnerUp, &a.pathStage},
		[...]*[]string{&a.Evidence, &a.Audiences, &a.Objections, &a.Products}
}

func appendParkedString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendParkedList writes 0 for a nil list, else 1 + its length and its
// strings (nil and empty lists stay apart).
func appendParkedList(b []byte, l []string) []byte {
	if l == nil {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(l))+1)
	for _, s := range l {
		b = appendParkedString(b, s)
	}
	return b
}

// parkedReader reads what appendParked* wrote (park wrote it: it is
// well formed).
type parkedReader struct {
	s  string
	at int
}

func (r *parkedReader) uvarint() int {
	var x uint64
	for shift := 0; r.at < len(r.s); shift += 7 {
		c := r.s[r.at]
		r.at++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			break
		}
	}
	return int(x)
}

func (r *parkedReader) str() string {
	n := r.uvarint()
	s := r.s[r.at : r.at+n]
	r.at += n
	return s
}

func (r *parkedReader) list() []string {
	n := r.uvarint()
	if n == 0 {
		return nil
	}
	l := make([]string, n-1)
	for i := range l {
		l[i] = r.str()
	}
	return l
}

// keepState keeps packed, st packed (packState), in the run's spill, and
// beside it what Settle chooses its examples by.
func (a *Asset) keepState(env *lint.Env, st *tagState, packed []byte) {
	a.state = lint.Keep(env, packed)
	a.explicit, a.hashes = st.explicit, len(st.hashes) > 0
	a.pathStage = ""
	if st.hasPath {
		a.pathStage = st.path.stage
	}
	a.all = st.all
}

// loadState reads the asset's state back from the run's spill into st's
// buffers (nil: none, or it cannot be read back).
func (a *Asset) loadState(buf *[]byte) *tagState {
	if a.state.Len() == 0 {
		return nil
	}
	b, err := a.state.Bytes(*buf)
	*buf = b[:0:cap(b)] // reused when the next value comes from the spill
	if err != nil {
		return nil
	}
	return unpackState(lint.NewDec(b))
}

// Tags is the funnel tagger's reading of one document: title, stage
// (with source, confidence and evidence) before the in-repo learning,
// team, audiences, objections and products. Rules that need a document's
// products or team read it; the stage is final only in Stages.
var Tags = &lint.Analysis[*Asset]{
	Name:     "funnel/tags",
	Doc:      "the document's asset record: title, stage before in-repo learning, team, audiences, objections, products",
	Requires: []lint.Requirement{naming.Matches},
	Run:      tagDocument,
}

// Stages is every file's asset record, in path order, once the in-repo
// learning has decided again the stages that were not explicit. The
// coverage rules, funnel/unknown and the reports read it.
var Stages = &lint.CorpusAnalysis[*Asset, []*Asset]{
	Name: "funnel/stages",
	Doc:  Tags,
	Park: func(_ *lint.Env, a *Asset) *Asset {
		a.park()
		return a
	},
	Finish: func(c *lint.CorpusPass, docs []*Asset) []*Asset {
		assets := make([]*Asset, len(c.Files))
		for i, f := range c.Files {
			a := docs[i]
			if a == nil { // not read: no document to tag
				a = &Asset{Path: f.Path, Stage: Unknown}
			}
			a.unpark()
			a.Format = f.Format
			assets[i] = a
		}
		if !skipSettle(c.Env) {
			Settle(c.Env, assets)
		}
		return assets
	},
}

// AssetsOf returns the assets of a run's corpus analyses (nil when the
// funnel tagger did not run).
func AssetsOf(r *lint.Results) []*Asset {
	a, _ := lint.CorpusResult(r, Stages)
	return a
}

// tagDocument is Tags' Run.
func tagDocument(p *lint.Pass) *Asset {
	a := &Asset{Path: p.Doc.Path, Format: p.Doc.Format, Stage: Unknown}
	if b, ok := p.Doc.Meta["backend"].(string); ok {
		a.Backend = b
	}
	annotate(p, a)
	return a
}
