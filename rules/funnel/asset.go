package funnel

import (
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
	Finish: func(c *lint.CorpusPass, docs []*Asset) []*Asset {
		assets := make([]*Asset, len(c.Files))
		for i, f := range c.Files {
			a := docs[i]
			if a == nil { // not read: no document to tag
				a = &Asset{Path: f.Path, Stage: Unknown}
			}
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
