package funnel

import (
	"fmt"
	"math"
	"slices"

	"github.com/msglint/msglint/lint"
)

// In-repo learning. Most content repositories label part of their assets
// already: front-matter `stage:`, the config's funnel.paths, or folders
// whose path convention and content agree with high confidence. Once
// every asset is tagged, Settle fits a small model on those assets (the
// repository's own vocabulary: product names, section words, its
// templates) and decides again every asset whose stage was not explicit,
// with the in-repo model's scores added to the shipped model's. It
// kicks in when the repository has at least MinInRepoExamples such
// assets in at least two stages (MinInRepoPerStage each); it never
// overrules front matter or funnel.paths. It is deterministic: it sees
// the assets in path order and nothing else.

// In-repo learning settings.
const (
	MinInRepoExamples = 20
	MinInRepoPerStage = 5
	// InRepoConfidence is the confidence a path-convention asset needs,
	// with its content agreeing, to serve as an example.
	InRepoConfidence = 0.9
	// maxInRepoExamples bounds the examples fitted (a deterministic,
	// evenly spread sample beyond it).
	maxInRepoExamples = 3000
	inRepoEpochs      = 40
	inRepoL2          = 0.01
	inRepoRate        = 0.5
	// maxInRepoFeatures bounds the features kept per asset.
	maxInRepoFeatures = 100
)

// InRepoWeight scales the in-repo model's scores (0 turns in-repo
// learning off; a variable for the evaluation's experiments).
var InRepoWeight = 1.0

// inRepoHashes returns 32-bit hashes of the features kept for in-repo
// learning (the first maxInRepoFeatures: title and headings first),
// appended to dst[:0].
func inRepoHashes(fs *featureSet, dst []uint32) []uint32 {
	if n := min(len(fs.list), maxInRepoFeatures); cap(dst) < n {
		dst = make([]uint32, 0, n)
	}
	dst = dst[:0]
	for i := range fs.list {
		if len(dst) >= maxInRepoFeatures {
			break
		}
		h := fs.list[i].h
		dst = append(dst, uint32(h^(h>>32)))
	}
	return dst
}

// Settle is the corpus-level step of the tagger (driver.Options.Settle):
// in-repo learning, then every asset's tagging state is dropped.
func Settle(env *lint.Env, assets []*Asset) {
	defer func() {
		for _, a := range assets {
			a.state = lint.Spilled{}
		}
	}()
	if env == nil {
		return
	}
	md := getModel(env)
	ns := len(md.stages)
	if ns < 2 {
		return
	}
	// The examples are chosen from what each asset keeps beside its
	// state; only theirs are read back, for their features.
	type example struct {
		a     *Asset
		label int
	}
	var ex []example
	perStage := make([]int, ns)
	for _, a := range assets {
		if a.state.Len() == 0 || !a.hashes {
			continue
		}
		label := slices.Index(md.stages, a.Stage)
		if label < 0 {
			continue
		}
		if a.explicit || a.pathStage == a.Stage && a.Confidence >= InRepoConfidence {
			ex = append(ex, example{a, label})
			perStage[label]++
		}
	}
	stagesWith := 0
	for _, n := range perStage {
		if n >= MinInRepoPerStage {
			stagesWith++
		}
	}
	if len(ex) < MinInRepoExamples || stagesWith < 2 || InRepoWeight == 0 {
		return
	}
	if len(ex) > maxInRepoExamples {
		// every k-th example, in path order
		var keep []example
		for i := 0; i < maxInRepoExamples; i++ {
			keep = append(keep, ex[i*len(ex)/maxInRepoExamples])
		}
		ex = keep
		clear(perStage)
		for _, e := range ex {
			perStage[e.label]++
		}
	}
	// the examples' features, read back from the spill (an example
	// whose state cannot be read back has none)
	var buf []byte
	exHashes := make([][]uint32, len(ex))
	for i, e := range ex {
		if st := e.a.loadState(&buf); st != nil {
			exHashes[i] = st.hashes
		}
	}
	// vocabulary: features of at least two examples, indexed in hash order
	df := map[uint32]int{}
	for _, hs := range exHashes {
		for _, h := range hs {
			df[h]++
		}
	}
	var vocab []uint32
	for h, n := range df {
		if n >= 2 {
			vocab = append(vocab, h)
		}
	}
	slices.Sort(vocab)
	index := make(map[uint32]int32, len(vocab))
	for i, h := range vocab {
		index[h] = int32(i)
	}
	docOf := func(hashes []uint32) ([]int32, float64) {
		var d []int32
		for _, h := range hashes {
			if j, ok := index[h]; ok {
				d = append(d, j)
			}
		}
		return d, 1 / math.Sqrt(math.Max(1, float64(len(d))))
	}
	docs := make([][]int32, len(ex))
	vals := make([]float64, len(ex))
	sw := make([]float64, len(ex))
	present := 0
	for _, n := range perStage {
		if n > 0 {
			present++
		}
	}
	labels := make([]int, len(ex))
	for i, e := range ex {
		docs[i], vals[i] = docOf(exHashes[i])
		sw[i] = 1 / float64(perStage[e.label]*present)
		labels[i] = e.label
	}
	w := fitInRepo(docs, vals, sw, labels, len(vocab), ns)
	extra := make([]float64, ns)
	exHashes = nil
	for _, a := range assets {
		if a.state.Len() == 0 || a.explicit {
			continue
		}
		st := a.loadState(&buf)
		if st == nil {
			continue // cannot be read back: the stage of the shipped model stays
		}
		d, v := docOf(st.hashes)
		clear(extra)
		for _, j := range d {
			for s := 0; s < ns; s++ {
				extra[s] += w[int(j)*ns+s] * v * InRepoWeight
			}
		}
		md.decide(st, extra, a, func(stage int) string {
			if extra[stage] <= 0 || perStage[stage] == 0 {
				return ""
			}
			return fmt.Sprintf("like %s of this repo", plural(perStage[stage], md.stages[stage]+" asset"))
		})
	}
}

// fitInRepo fits the in-repo model: full-batch gradient descent with
// AdaGrad steps (as the training program does), no bias (the
// repository's stage mix is not evidence about one asset). Example i has
// the vocabulary features docs[i], each of value vals[i], the weight
// sw[i] and the stage labels[i]; the result holds feature j's weight for
// stage s at j*ns+s. Each feature's ns weights are read and written as
// one row; the arithmetic, and the order of every sum, are those of the
// plain loops in fitInRepoRef (inrepo_test.go), so the weights are the
// same bit for bit.
func fitInRepo(docs [][]int32, vals, sw []float64, labels []int, nv, ns int) []float64 {
	w := make([]float64, nv*ns)
	gw := make([]float64, len(w))
	hw := make([]float64, len(w))
	z := make([]float64, ns)
	p := make([]float64, ns)
	g := make([]float64, ns)
	for epoch := 0; epoch < inRepoEpochs; epoch++ {
		clear(gw)
		for i, d := range docs {
			v := vals[i]
			clear(z)
			if ns == 4 {
				// the default stages, in registers
				var z0, z1, z2, z3 float64
				for _, j := range d {
					r := (*[4]float64)(w[int(j)*4:])
					z0 += r[0] * v
					z1 += r[1] * v
					z2 += r[2] * v
					z3 += r[3] * v
				}
				z[0], z[1], z[2], z[3] = z0, z1, z2, z3
			} else {
				for _, j := range d {
					r := w[int(j)*ns : int(j)*ns+ns]
					for s := range z {
						z[s] += r[s] * v
					}
				}
			}
			Softmax(z, 1, p)
			scale := sw[i] * v
			for s := range g {
				g[s] = p[s]
				if s == labels[i] {
					g[s]--
				}
				g[s] *= scale
			}
			if ns == 4 {
				g0, g1, g2, g3 := g[0], g[1], g[2], g[3]
				for _, j := range d {
					r := (*[4]float64)(gw[int(j)*4:])
					r[0] += g0
					r[1] += g1
					r[2] += g2
					r[3] += g3
				}
			} else {
				for _, j := range d {
					r := gw[int(j)*ns : int(j)*ns+ns]
					for s := range g {
						r[s] += g[s]
					}
				}
			}
		}
		for k := range w {
			g := gw[k] + inRepoL2*w[k]
			hw[k] += g * g
			if hw[k] > 0 {
				w[k] -= inRepoRate * g / math.Sqrt(hw[k]+1e-12)
			}
		}
	}
	return w
}
