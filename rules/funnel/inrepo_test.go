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
	for epoch := 0; epoch < InRepoEpochs; epoch++ {
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
	// small sets run on one goroutine, the last seeds' on several
	for _, ns := range []int{2, 3, 4, 5, 7} {
		for seed := uint64(1); seed <= 4; seed++ {
			r := rand.New(rand.NewPCG(seed, uint64(ns)))
			nv, n := 1+r.IntN(300), 1+r.IntN(200)
			if seed == 4 {
				nv, n = 2000, 1000
			}
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
			for _, jobs := range []int{1, 2, 3, 8} {
				got := fitInRepo(docs, vals, sw, labels, nv, ns, jobs)
				require.Len(t, got, len(want))
				for k := range want {
					require.Equal(t, math.Float64bits(want[k]), math.Float64bits(got[k]),
						"ns %d seed %d jobs %d: weight %d is %v, want %v", ns, seed, jobs, k, got[k], want[k])
				}
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
		fitInRepo(docs, vals, sw, labels, nv, ns, 1)
	}
}

func TestCuts(t *testing.T) {
	one := func(int) int { return 1 }
	for _, tc := range []struct {
		n, jobs int
		weight  func(int) int
		want    []int
	}{
		{0, 4, one, []int{0, 0}},
		{10, 4, one, []int{0, 10}}, // too little to share
		{1 << 15, 1, one, []int{0, 1 << 15}},
		{1 << 15, 2, one, []int{0, 1 << 14, 1 << 15}},
		{1 << 15, 4, one, []int{0, 1 << 13, 1 << 14, 3 << 13, 1 << 15}},
		{4, 2, func(i int) int { return []int{1 << 14, 1, 1, 1}[i] }, []int{0, 1, 4}},
		{3, 8, func(int) int { return 1 << 14 }, []int{0, 1, 2, 3}},
	} {
		require.Equal(t, tc.want, cuts(tc.n, tc.jobs, tc.weight), "n %d jobs %d", tc.n, tc.jobs)
	}
}

func TestInParallelRaisesPanics(t *testing.T) {
	for _, bad := range []int{0, 2} { // a worker's range, the caller's
		require.PanicsWithValue(t, "boom", func() {
			inParallel([]int{0, 1, 2, 3}, func(lo, hi int) {
				if lo == bad {
					panic("boom")
				}
			})
		})
	}
	var seen [3]bool
	inParallel([]int{0, 1, 2, 3}, func(lo, hi int) { seen[lo] = true })
	require.Equal(t, [3]bool{true, true, true}, seen)
}

func TestHashIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 8, 1000} {
		seen := map[uint32]int32{}
		var hs []uint32
		for len(hs) < n {
			h := r.Uint32() & 0xFFFF // from a small range: slots collide
			if _, ok := seen[h]; !ok {
				seen[h] = int32(len(hs))
				hs = append(hs, h)
			}
		}
		x := newHashIndex(hs)
		for h, i := range seen {
			require.Equal(t, i, x.find(h))
		}
		for k := 0; k < 2000; k++ {
			h := r.Uint32() & 0x1FFFF
			want, ok := seen[h]
			if !ok {
				want = -1
			}
			require.Equal(t, want, x.find(h), "hash %#x", h)
		}
	}
}
