// Package train fits msglint's funnel-stage content model and evaluates
// it leave-one-site-out. `make train-funnel` writes the shipped model
// (rules/funnel/model.bin); `make eval-funnel` prints the evaluation.
//
// Training data is labelled content: folders with a labels.tsv
// (path<TAB>stage, paths relative to the folder), one folder per site.
// Everything here is deterministic: the same folders give the same model,
// bit for bit.
package train

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// Stages are the model's stages, in order.
var Stages = config.DefaultStages

// Example is one labelled asset.
type Example struct {
	Site  string
	Path  string // relative to the site folder
	Label int    // index in Stages
	Feats []uint64
}

// Site is one labelled folder.
type Site struct {
	Name   string
	Dir    string
	Labels map[string]string // path -> stage
	Paths  []string          // labelled paths, sorted
}

// Written is the site of the pages msglint's developers wrote for
// training (relative to the repository root); it is always trained on and
// never evaluated.
const Written = "rules/funnel/train/written"

// WrittenName is the written site's name.
const WrittenName = "written"

// FindSites returns the folders under root that hold a labels.tsv, by name.
func FindSites(root string) ([]*Site, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []*Site
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		s, err := LoadSite(filepath.Join(root, e.Name()), e.Name())
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// AllSites returns the labelled sites of the corpora folder and, unless
// written is "", the written pages' site. It fails when the corpora
// folder holds no labelled site.
func AllSites(corpora, written string) ([]*Site, error) {
	sites, err := FindSites(corpora)
	if err == nil && len(sites) == 0 {
		err = fmt.Errorf("no folder with a labels.tsv in %s", corpora)
	}
	if err != nil {
		return nil, err
	}
	if written != "" {
		w, err := LoadSite(written, WrittenName)
		if err != nil {
			return nil, err
		}
		sites = append(sites, w)
	}
	return sites, nil
}

// LoadSite reads the labels.tsv of one site folder.
func LoadSite(dir, name string) (*Site, error) {
	f, err := os.Open(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &Site{Name: name, Dir: dir, Labels: map[string]string{}}
	{
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimRight(sc.Text(), "\r")
			p, st, ok := strings.Cut(line, "\t")
			if !ok || !slices.Contains(Stages, st) {
				continue
			}
			s.Labels[p] = st
			s.Paths = append(s.Paths, p)
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
		sort.Strings(s.Paths)
	}
	return s, nil
}

// FlatName is the name an asset gets in the content-alone evaluation: a
// hash of its path, in one flat folder, with its extension.
func FlatName(p string) string {
	h := sha256.Sum256([]byte(p))
	return hex.EncodeToString(h[:6]) + strings.ToLower(filepath.Ext(p))
}

// Run tags a site's labelled assets with model m (nil: none), zero
// config, and returns the assets by site-relative path. flat renames
// every file (FlatName) so that only content counts. keepAll keeps the
// features (AssetFeatures).
func Run(s *Site, m *funnel.Model, flat, keepAll bool, settle bool) (map[string]*funnel.Asset, error) {
	return RunMixed(s, m, func(int) bool { return flat }, keepAll, settle)
}

// Jobs is the number of workers Run and RunMixed use (the tests vary it).
var Jobs = 2

// RunMixed is Run with flat chosen per asset (by its index in s.Paths).
func RunMixed(s *Site, m *funnel.Model, flatAt func(i int) bool, keepAll bool, settle bool) (map[string]*funnel.Asset, error) {
	cfg := config.Default(s.Dir)
	xo := &extract.Options{FrontMatter: cfg.FrontMatter, Limits: extract.DefaultLimits}
	var inputs []driver.Input
	byName := map[string]string{}
	for i, p := range s.Paths {
		abs := filepath.Join(s.Dir, filepath.FromSlash(p))
		fn, format, ok := extract.For(abs)
		if !ok {
			continue
		}
		name := p
		if flatAt(i) {
			name = FlatName(p)
		}
		byName[name] = p
		inputs = append(inputs, driver.Input{Path: name, Format: format, Load: func() (*content.Document, error) {
			src, err := os.ReadFile(abs)
			if err != nil {
				return nil, err
			}
			return fn(name, src, xo)
		}})
	}
	env := &lint.Env{Config: cfg}
	funnel.UseModel(env, m, keepAll)
	if !settle {
		funnel.SkipInRepo(env)
	}
	res := driver.Run(inputs, driver.Options{Env: env, Analyses: []lint.Corpus{funnel.Stages}, Jobs: Jobs})
	out := map[string]*funnel.Asset{}
	for _, a := range funnel.AssetsOf(res.Analyses) {
		out[byName[a.Path]] = a
	}
	return out, nil
}

// Load extracts the features of every labelled asset of the sites.
func Load(sites []*Site) ([]Example, error) {
	var ex []Example
	for _, s := range sites {
		assets, err := Run(s, nil, false, true, false)
		if err != nil {
			return nil, err
		}
		for _, p := range s.Paths {
			a, ok := assets[p]
			if !ok {
				continue
			}
			ex = append(ex, Example{Site: s.Name, Path: p, Label: slices.Index(Stages, s.Labels[p]), Feats: funnel.AssetFeatures(a)})
		}
	}
	return ex, nil
}

// Options are the training settings.
type Options struct {
	MinDocs  int     // a feature needs this many training documents
	MinSites int     // and this many training sites
	L2       float64 // weight decay
	Epochs   int
	Rate     float64
	// Bias fits a bias per stage; without, every stage starts even (the
	// training sites' stage mix says nothing about an unseen site's).
	Bias bool
}

// Defaults are the settings of the shipped model.
var Defaults = Options{MinDocs: 3, MinSites: 2, L2: 1e-2, Epochs: 300, Rate: 0.5}

// Fit trains a model on the examples (in the given order; Fit sorts
// nothing it does not own). Temperature is left at 1.
func Fit(ex []Example, o Options) *funnel.Model {
	ns := len(Stages)
	// vocabulary: features in enough documents of enough sites
	type df struct {
		docs  int
		sites map[string]bool
	}
	counts := map[uint64]*df{}
	for _, e := range ex {
		for _, h := range e.Feats {
			c := counts[h]
			if c == nil {
				c = &df{sites: map[string]bool{}}
				counts[h] = c
			}
			c.docs++
			c.sites[e.Site] = true
		}
	}
	var vocab []uint64
	for h, c := range counts {
		if c.docs >= o.MinDocs && len(c.sites) >= o.MinSites {
			vocab = append(vocab, h)
		}
	}
	slices.Sort(vocab)
	index := make(map[uint64]int32, len(vocab))
	for i, h := range vocab {
		index[h] = int32(i)
	}
	// documents as index lists with their values
	docs := make([][]int32, len(ex))
	vals := make([][]float64, len(ex))
	for i, e := range ex {
		v := make([]float64, len(e.Feats))
		funnel.FeatureValues(e.Feats, func(k int) bool { _, ok := index[e.Feats[k]]; return ok }, v)
		for k, h := range e.Feats {
			if j, ok := index[h]; ok {
				docs[i] = append(docs[i], j)
				vals[i] = append(vals[i], v[k])
			}
		}
	}
	// sample weights: every stage weighs the same in total, and within a
	// stage every site weighs the same
	type key struct {
		site  string
		label int
	}
	per := map[key]int{}
	sitesOf := make([]map[string]bool, ns)
	for i := range sitesOf {
		sitesOf[i] = map[string]bool{}
	}
	present := 0
	for _, e := range ex {
		per[key{e.Site, e.Label}]++
		sitesOf[e.Label][e.Site] = true
	}
	for _, m := range sitesOf {
		if len(m) > 0 {
			present++
		}
	}
	sw := make([]float64, len(ex))
	total := 0.0
	for i, e := range ex {
		sw[i] = 1 / float64(per[key{e.Site, e.Label}]*len(sitesOf[e.Label])*present)
		total += sw[i]
	}
	for i := range sw {
		sw[i] /= total
	}
	// full-batch gradient descent with AdaGrad steps on the weighted
	// cross-entropy, L2 on the weights (not the biases)
	nv := len(vocab)
	w := make([]float64, nv*ns)
	b := make([]float64, ns)
	gw := make([]float64, nv*ns)
	gb := make([]float64, ns)
	hw := make([]float64, nv*ns)
	hb := make([]float64, ns)
	z := make([]float64, ns)
	p := make([]float64, ns)
	for epoch := 0; epoch < o.Epochs; epoch++ {
		clear(gw)
		clear(gb)
		for i, d := range docs {
			copy(z, b)
			for k, j := range d {
				for s := 0; s < ns; s++ {
					z[s] += w[int(j)*ns+s] * vals[i][k]
				}
			}
			funnel.Softmax(z, 1, p)
			for s := 0; s < ns; s++ {
				g := p[s]
				if s == ex[i].Label {
					g -= 1
				}
				g *= sw[i]
				gb[s] += g
				for k, j := range d {
					gw[int(j)*ns+s] += g * vals[i][k]
				}
			}
		}
		for k := range w {
			g := gw[k] + o.L2*w[k]
			hw[k] += g * g
			if hw[k] > 0 {
				w[k] -= o.Rate * g / math.Sqrt(hw[k]+1e-12)
			}
		}
		for s := range b {
			if !o.Bias {
				break
			}
			hb[s] += gb[s] * gb[s]
			if hb[s] > 0 {
				b[s] -= o.Rate * gb[s] / math.Sqrt(hb[s]+1e-12)
			}
		}
	}
	m := &funnel.Model{Stages: slices.Clone(Stages), Temperature: 1}
	for s := range b {
		m.Bias = append(m.Bias, float32(b[s]))
	}
	// every feature of the vocabulary is kept (scoring counts the known
	// features of a document to value them)
	for i, h := range vocab {
		m.Hashes = append(m.Hashes, h)
		for s := 0; s < ns; s++ {
			m.W = append(m.W, float32(w[i*ns+s]))
		}
	}
	return m
}

// Without returns the examples not of site.
func Without(ex []Example, site string) []Example {
	var out []Example
	for _, e := range ex {
		if e.Site != site {
			out = append(out, e)
		}
	}
	return out
}

// FitTemperature returns the temperature that minimises the negative
// log-likelihood of the labels given the scores (a grid search: scores
// and labels in the same order).
func FitTemperature(scores [][]float64, labels []int) float64 {
	best, bestT := math.Inf(1), 1.0
	p := make([]float64, len(Stages))
	for t := 0.5; t <= 4.0001; t += 0.05 {
		nll := 0.0
		for i, s := range scores {
			funnel.Softmax(s, t, p)
			nll -= math.Log(math.Max(p[labels[i]], 1e-12))
		}
		if nll < best {
			best, bestT = nll, t
		}
	}
	return math.Round(bestT*100) / 100
}

// Describe summarises a model.
func Describe(m *funnel.Model) string {
	return fmt.Sprintf("%d features, %d stages, temperature %.2f", len(m.Hashes), len(m.Stages), m.Temperature)
}
