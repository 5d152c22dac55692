package funnel

import (
	"fmt"
	"math"
	"slices"
	"sync"

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
	inRepoL2         = 0.01
	inRepoRate       = 0.5
	// maxInRepoFeatures bounds the features kept per asset.
	maxInRepoFeatures = 100
)

// In-repo learning settings that are variables for the evaluation's
// experiments.
var (
	// InRepoWeight scales the in-repo model's scores (0 turns in-repo
	// learning off).
	InRepoWeight = 1.0
	// MaxInRepoExamples bounds the examples fitted (a deterministic,
	// evenly spread sample beyond it).
	MaxInRepoExamples = 1000
	// InRepoEpochs is the number of gradient steps of the fit.
	InRepoEpochs = 20
)

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
	if len(ex) > MaxInRepoExamples {
		// every k-th example, in path order
		var keep []example
		for i := 0; i < MaxInRepoExamples; i++ {
			keep = append(keep, ex[i*len(ex)/MaxInRepoExamples])
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
	var all []uint32
	for _, hs := range exHashes {
		all = append(all, hs...)
	}
	slices.Sort(all)
	var vocab []uint32
	for i := 0; i < len(all); {
		k := i + 1
		for k < len(all) && all[k] == all[i] {
			k++
		}
		if k-i >= 2 {
			vocab = append(vocab, all[i])
		}
		i = k
	}
	all = nil
	index := newHashIndex(vocab)
	docOf := func(hashes []uint32) ([]int32, float64) {
		var d []int32
		for _, h := range hashes {
			if j := index.find(h); j >= 0 {
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
	w := fitInRepo(docs, vals, sw, labels, len(vocab), ns, env.Jobs)
	exHashes = nil
	// every asset decided again, on up to env.Jobs goroutines: each
	// reads its own state back (the spill serialises the reads) and
	// writes only its own record
	like := func(extra []float64) func(stage int) string {
		return func(stage int) string {
			if extra[stage] <= 0 || perStage[stage] == 0 {
				return ""
			}
			return fmt.Sprintf("like %s of this repo", plural(perStage[stage], md.stages[stage]+" asset"))
		}
	}
	inParallel(cuts(len(assets), env.Jobs, func(int) int { return maxInRepoFeatures }), func(lo, hi int) {
		var buf []byte
		extra := make([]float64, ns)
		likeExtra := like(extra)
		for _, a := range assets[lo:hi] {
			if a.state.Len() == 0 || a.explicit {
				continue
			}
			st := a.loadState(&buf)
			if st == nil {
				continue // cannot be read back: the stage of the shipped model stays
			}
			d, v := docOf(st.hashes)
			inRepoScores(w, d, v, extra)
			md.decide(st, extra, a, likeExtra)
		}
	})
}

// inRepoScores writes to extra (one per stage) the in-repo model's
// scores for an asset with the vocabulary features d, each of value v:
// rowSums, scaled by InRepoWeight (1 unless an experiment sets it).
func inRepoScores(w []float64, d []int32, v float64, extra []float64) {
	rowSums(w, d, v, extra)
	if InRepoWeight != 1 {
		for s := range extra {
			extra[s] *= InRepoWeight
		}
	}
}

// fitInRepo fits the in-repo model: full-batch gradient descent with
// AdaGrad steps (as the training program does), no bias (the
// repository's stage mix is not evidence about one asset). Example i has
// the vocabulary features docs[i], each of value vals[i], the weight
// sw[i] and the stage labels[i]; the result holds feature j's weight for
// stage s at j*ns+s.
//
// An epoch runs in two phases, each on up to jobs goroutines: every
// example's gradient row from the weights (examples split into ranges),
// then every feature's gradient, summed over the examples that have it
// in example order, and its AdaGrad step (features split into ranges).
// Every sum adds the same terms in the same order as the plain loops of
// fitInRepoRef (inrepo_test.go), so the weights are the same bit for
// bit, on any number of goroutines.
func fitInRepo(docs [][]int32, vals, sw []float64, labels []int, nv, ns, jobs int) []float64 {
	// users[start[j]:start[j+1]] are the examples with feature j, in
	// order (an example twice when it has the feature twice)
	start := make([]int32, nv+1)
	for _, d := range docs {
		for _, j := range d {
			start[j+1]++
		}
	}
	for j := range nv {
		start[j+1] += start[j]
	}
	users := make([]int32, start[nv])
	fill := slices.Clone(start[:nv])
	for i, d := range docs {
		for _, j := range d {
			users[fill[j]] = int32(i)
			fill[j]++
		}
	}
	w := make([]float64, nv*ns)
	hw := make([]float64, len(w))
	gd := make([]float64, len(docs)*ns) // example i's gradient row at i*ns
	docCuts := cuts(len(docs), jobs, func(i int) int { return len(docs[i]) + 1 })
	featCuts := cuts(nv, jobs, func(j int) int { return int(start[j+1]-start[j]) + 1 })
	for epoch := 0; epoch < InRepoEpochs; epoch++ {
		inParallel(docCuts, func(lo, hi int) {
			z, p := make([]float64, ns), make([]float64, ns)
			for i := lo; i < hi; i++ {
				exampleGradient(w, docs[i], vals[i], sw[i]*vals[i], labels[i], z, p, gd[i*ns:i*ns+ns])
			}
		})
		inParallel(featCuts, func(lo, hi int) {
			sum := make([]float64, ns)
			for j := lo; j < hi; j++ {
				us := users[start[j]:start[j+1]]
				if ns == 4 {
					var s0, s1, s2, s3 float64
					for _, i := range us {
						r := (*[4]float64)(gd[int(i)*4:])
						s0 += r[0]
						s1 += r[1]
						s2 += r[2]
						s3 += r[3]
					}
					sum[0], sum[1], sum[2], sum[3] = s0, s1, s2, s3
				} else {
					clear(sum)
					for _, i := range us {
						r := gd[int(i)*ns : int(i)*ns+ns]
						for s := range sum {
							sum[s] += r[s]
						}
					}
				}
				for s, gs := range sum {
					k := j*ns + s
					g := gs + inRepoL2*w[k]
					hw[k] += g * g
					if hw[k] > 0 {
						w[k] -= inRepoRate * g / math.Sqrt(hw[k]+1e-12)
					}
				}
			}
		})
	}
	return w
}

// exampleGradient writes to g the gradient row of one example with the
// features d, each of value v, its weight times v scale, and the stage
// label; z and p are scratch of len(g).
func exampleGradient(w []float64, d []int32, v, scale float64, label int, z, p, g []float64) {
	rowSums(w, d, v, z)
	Softmax(z, 1, p)
	for s := range g {
		g[s] = p[s]
		if s == label {
			g[s]--
		}
		g[s] *= scale
	}
}

// rowSums writes to out (one per stage, ns = len(out)) the sum over the
// features d of each one's weights (w[j*ns:j*ns+ns]) times v, in d's
// order.
func rowSums(w []float64, d []int32, v float64, out []float64) {
	ns := len(out)
	if ns == 4 {
		// the default stages, in registers
		var o0, o1, o2, o3 float64
		for _, j := range d {
			r := (*[4]float64)(w[int(j)*4:])
			o0 += r[0] * v
			o1 += r[1] * v
			o2 += r[2] * v
			o3 += r[3] * v
		}
		out[0], out[1], out[2], out[3] = o0, o1, o2, o3
		return
	}
	clear(out)
	for _, j := range d {
		r := w[int(j)*ns : int(j)*ns+ns]
		for s := range out {
			out[s] += r[s] * v
		}
	}
}

// cuts splits [0, n) into up to jobs consecutive ranges of about equal
// weight (the sum of weight(i) over a range): the ranges' bounds, from 0
// to n. Fewer than two jobs, or too little work to share, make one range.
func cuts(n, jobs int, weight func(i int) int) []int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	if jobs < 2 || total < 1<<14 {
		return []int{0, n}
	}
	out := []int{0}
	acc, k := 0, 1
	for i := range n {
		acc += weight(i)
		if k < jobs && acc >= total*k/jobs {
			out = append(out, i+1)
			k++
		}
	}
	if out[len(out)-1] != n {
		out = append(out, n)
	}
	return out
}

// inParallel calls do on each range of cuts, each on a goroutine of its
// own but the last, which runs on the caller's; once all have ended, a
// panic on any of them is raised again on the caller's.
func inParallel(cuts []int, do func(lo, hi int)) {
	last := len(cuts) - 2
	if last == 0 {
		do(cuts[0], cuts[1])
		return
	}
	var wg sync.WaitGroup
	panics := make([]any, last+1)
	run := func(r int) {
		defer func() { panics[r] = recover() }()
		do(cuts[r], cuts[r+1])
	}
	for r := 0; r < last; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(r)
		}()
	}
	run(last)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// hashIndex maps each of a set of 32-bit hashes to its position in the
// set's slice: open addressing on a table at least twice its size.
type hashIndex struct {
	keys  []uint32
	pos   []int32 // -1: a free slot
	shift uint
}

func newHashIndex(hs []uint32) *hashIndex {
	bits := uint(4)
	for 1<<bits < 2*len(hs) {
		bits++
	}
	x := &hashIndex{keys: make([]uint32, 1<<bits), pos: make([]int32, 1<<bits), shift: 32 - bits}
	for i := range x.pos {
		x.pos[i] = -1
	}
	for i, h := range hs {
		k := x.slot(h)
		for x.pos[k] >= 0 && x.keys[k] != h {
			k = (k + 1) & (len(x.keys) - 1)
		}
		x.keys[k], x.pos[k] = h, int32(i)
	}
	return x
}

// slot is h's first slot (Fibonacci hashing: the product's top bits).
func (x *hashIndex) slot(h uint32) int { return int((h * 0x9E3779B1) >> x.shift) }

// find returns h's position, or -1 when h is not in the set.
func (x *hashIndex) find(h uint32) int32 {
	mask := len(x.keys) - 1
	for k := x.slot(h); ; k = (k + 1) & mask {
		if p := x.pos[k]; p < 0 || x.keys[k] == h {
			return p
		}
	}
}
