package funnel

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// fitInRepoRef is the in-repo fit as plain loops, one weight at a time:
// the definition fitInRepo must match bit for bit.
func fitInRepoRef(docs [][]int32, vals, sw []float64, labels []int, nv, ns int) []float64 {
	w := make([]float64, nv*ns)
	gw := make([]float64, len(w))
	hw := make([]float64, len(w))
	z := make([]float64, ns)
	p := make([]float64, ns)
	for epoch := 0; epoch < inRepoEpochs; epoch++ {
		clear(gw)
		for i, d := range docs {
			clear(z)
			for _, j := range d {
				for s := 0; s < ns; s++ {
					z[s] += w[int(j)*ns+s] * vals[i]
				}
			}
			Softmax(z, 1, p)
			for s := 0; s < ns; s++ {
				g := p[s]
				if s == labels[i] {
					g--
				}
				g *= sw[i] * vals[i]
				for _, j := range d {
					gw[int(j)*ns+s] += g
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

func TestFitInRepoMatchesReference(t *testing.T) {
	for _, ns := range []int{2, 3, 4, 5, 7} {
		for seed := uint64(1); seed <= 3; seed++ {
			r := rand.New(rand.NewPCG(seed, uint64(ns)))
			nv, n := 1+r.IntN(300), 1+r.IntN(200)
			docs := make([][]int32, n)
			vals, sw, labels := make([]float64, n), make([]float64, n), make([]int, n)
			for i := range docs {
				for k := r.IntN(40); k > 0; k-- {
					docs[i] = append(docs[i], int32(r.IntN(nv))) // repeats too
				}
				vals[i] = 1 / math.Sqrt(math.Max(1, float64(len(docs[i]))))
				sw[i] = 1 / float64(1+r.IntN(50))
				labels[i] = r.IntN(ns)
			}
			want := fitInRepoRef(docs, vals, sw, labels, nv, ns)
			got := fitInRepo(docs, vals, sw, labels, nv, ns)
			require.Len(t, got, len(want))
			for k := range want {
				require.Equal(t, math.Float64bits(want[k]), math.Float64bits(got[k]),
					"ns %d seed %d: weight %d is %v, want %v", ns, seed, k, got[k], want[k])
			}
		}
	}
}

func BenchmarkFitInRepo(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const nv, n, ns = 20000, 3000, 4
	docs := make([][]int32, n)
	vals, sw, labels := make([]float64, n), make([]float64, n), make([]int, n)
	for i := range docs {
		for k := 0; k < 80; k++ {
			docs[i] = append(docs[i], int32(r.IntN(nv)))
		}
		vals[i], sw[i], labels[i] = 1/math.Sqrt(80), 1.0/3000, r.IntN(ns)
	}
	for b.Loop() {
		fitInRepo(docs, vals, sw, labels, nv, ns)
	}
}
