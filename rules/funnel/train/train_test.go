package train

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/rules/funnel"
)

const corpora = "../../../../shared/corpora"

func written(t *testing.T) *Site {
	t.Helper()
	s, err := LoadSite("written", WrittenName)
	require.NoError(t, err)
	require.Len(t, s.Paths, 316)
	return s
}

// Training is reproducible bit for bit: the same examples give the same
// model file.
func TestFitReproducible(t *testing.T) {
	ex, err := Load([]*Site{written(t)})
	require.NoError(t, err)
	o := Defaults
	o.Epochs = 40
	o.MinSites = 1
	var a, b bytes.Buffer
	_, err = Fit(ex, o).WriteTo(&a)
	require.NoError(t, err)
	// a second load, in another order of sites and workers, then a fit
	ex2, err := Load([]*Site{written(t)})
	require.NoError(t, err)
	_, err = Fit(ex2, o).WriteTo(&b)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a.Bytes(), b.Bytes()), "two fits of the same examples differ")
	m, err := funnel.ReadModel(a.Bytes())
	require.NoError(t, err)
	assert.NotEmpty(t, m.Hashes)
}

// The shipped model was trained with the features the tagger computes
// today: it tags the pages it was trained on nearly all right. (A change
// to the features without `make train-funnel` fails here.)
func TestShippedModelFitsWritten(t *testing.T) {
	s := written(t)
	m, err := funnel.Shipped()
	require.NoError(t, err)
	assets, err := Run(s, m, true, false, false)
	require.NoError(t, err)
	right := 0
	for _, p := range s.Paths {
		if assets[p].Stage == s.Labels[p] {
			right++
		}
	}
	acc := float64(right) / float64(len(s.Paths))
	t.Logf("shipped model on the written pages, content alone: %.3f", acc)
	assert.GreaterOrEqual(t, acc, 0.9)
}

// The same corpus gives the same stages, confidences and evidence in any
// input order and on any number of workers (in-repo learning included).
func TestOrderIndependent(t *testing.T) {
	s := written(t)
	m, err := funnel.Shipped()
	require.NoError(t, err)
	// half the pages renamed, so that in-repo learning has work to do
	mixed := func(i int) bool { return i%2 == 1 }
	defer func(j int) { Jobs = j }(Jobs)
	Jobs = 1
	want, err := RunMixed(s, m, mixed, false, true)
	require.NoError(t, err)
	shuffled := *s
	shuffled.Paths = slices.Clone(s.Paths)
	r := rand.New(rand.NewPCG(1, 2))
	perm := r.Perm(len(s.Paths))
	for i, j := range perm {
		shuffled.Paths[i] = s.Paths[j]
	}
	// the same files renamed the same way, given in another order
	renamed := map[string]bool{}
	for i, p := range s.Paths {
		renamed[p] = mixed(i)
	}
	// and on another number of workers (the in-repo learning's passes and
	// decisions are shared among them too)
	defer func(j int) { Jobs = j }(Jobs)
	Jobs = 3
	got, err := RunMixed(&shuffled, m, func(i int) bool { return renamed[shuffled.Paths[i]] }, false, true)
	require.NoError(t, err)
	inRepo := 0
	for _, p := range s.Paths {
		w, g := want[p], got[p]
		require.NotNil(t, g, p)
		assert.Equal(t, w.Stage, g.Stage, p)
		assert.Equal(t, w.Confidence, g.Confidence, p)
		assert.Equal(t, w.Evidence, g.Evidence, p)
		for _, e := range w.Evidence {
			if len(e) > 5 && e[:5] == "like " {
				inRepo++
			}
		}
	}
	assert.Positive(t, inRepo, "in-repo learning never counted")
}

// On the labelled corpora (when present), the shipped model agrees with
// the labels. This is a fit, not a held-out measure: `make eval-funnel`
// measures leave-one-site-out.
func TestShippedModelOnCorpora(t *testing.T) {
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("no ../shared/corpora; the corpus check is skipped")
	}
	sites, err := FindSites(corpora)
	require.NoError(t, err)
	m, err := funnel.Shipped()
	require.NoError(t, err)
	right, all := 0, 0
	for _, s := range sites {
		assets, err := Run(s, m, false, false, true)
		require.NoError(t, err)
		for _, p := range s.Paths {
			all++
			if assets[p].Stage == s.Labels[p] {
				right++
			}
		}
	}
	acc := float64(right) / float64(all)
	t.Logf("shipped model on %d labelled assets, real paths: %.3f", all, acc)
	assert.GreaterOrEqual(t, acc, 0.93)
}
