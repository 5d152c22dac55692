package funnel

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// The content model: a multinomial logistic regression over hashed
// features (features.go), fitted on labelled content by the training
// program (rules/funnel/train, `make train-funnel`) and embedded in the
// binary. Scoring a document adds the weights of its features to each
// stage's bias; the path conventions and the config's signals add their
// weights to the same scores; a softmax (with the fitted temperature)
// turns the scores into the confidence.

//go:embed model.bin
var modelBin []byte

// Model is a fitted content model.
type Model struct {
	Stages []string
	Bias   []float32
	// Temperature divides the scores before the softmax (calibration).
	Temperature float32
	// Hashes are the features, sorted; W[i*len(Stages)+s] is feature i's
	// weight for stage s.
	Hashes []uint64
	W      []float32

	indexOnce sync.Once
	// slots are an open-addressing table of Hashes (linear probing, key 0
	// free), a feature's hash next to its index: Find reads one cache
	// line, rarely two
	slots []modelSlot
	mask  uint64
	// pull is each feature's largest pull towards a stage, away from the
	// mean of its weights (an evidence candidate's strength before its
	// value: tag), made with the index
	pull []float32
	// rows, for a model of four stages (the shipped one), hold each
	// feature's weights and pull together: scoring a known feature and
	// weighing it as evidence read one cache line, not three
	rows []modelRow
	// bloom has one bit per (hash of a) feature: many unknown features
	// are rejected before the table. It is small enough (16 KB, about 5%
	// false positives with the shipped model) to stay in the core's
	// caches while the other rules run.
	bloom []uint64
}

// modelRow is a feature's four stage weights and its pull, in half a
// cache line.
type modelRow struct {
	w    [4]float32
	pull float32
	_    [3]float32
}

// pullOf is feature fi's pull (Model.pull).
func (m *Model) pullOf(fi int) float32 {
	if m.rows != nil {
		return m.rows[fi].pull
	}
	return m.pull[fi]
}

// modelSlot is a slot of Model.slots.
type modelSlot struct {
	h uint64
	i int32
}

const bloomBits = 1 << 17

func bloomAt(h uint64) uint64 { return (h ^ h>>29 ^ h>>47) & (bloomBits - 1) }

const modelMagic = "msglint funnel model 1\n"

var (
	shippedOnce sync.Once
	shipped     *Model
	shippedErr  error
)

// Shipped returns the embedded model.
func Shipped() (*Model, error) {
	shippedOnce.Do(func() { shipped, shippedErr = ReadModel(modelBin) })
	return shipped, shippedErr
}

// WriteTo writes m in the model file format (little-endian, float32).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf []byte
	buf = append(buf, modelMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(m.Stages)))
	for _, s := range m.Stages {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(len(s)))
		buf = append(buf, s...)
	}
	for _, b := range m.Bias {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(b))
	}
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.Temperature))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(m.Hashes)))
	for i, h := range m.Hashes {
		buf = binary.LittleEndian.AppendUint64(buf, h)
		for s := range m.Stages {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.W[i*len(m.Stages)+s]))
		}
	}
	n, err := w.Write(buf)
	return int64(n), err
}

// ReadModel parses a model file.
func ReadModel(b []byte) (*Model, error) {
	bad := errors.New("funnel model: truncated or not a model file")
	if len(b) < len(modelMagic) || string(b[:len(modelMagic)]) != modelMagic {
		return nil, bad
	}
	b = b[len(modelMagic):]
	u32 := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, true
	}
	ns, ok := u32()
	if !ok || ns == 0 || ns > 16 {
		return nil, bad
	}
	m := &Model{}
	for i := 0; i < int(ns); i++ {
		if len(b) < 2 {
			return nil, bad
		}
		l := int(binary.LittleEndian.Uint16(b))
		b = b[2:]
		if len(b) < l {
			return nil, bad
		}
		m.Stages = append(m.Stages, string(b[:l]))
		b = b[l:]
	}
	for i := 0; i < int(ns); i++ {
		v, ok := u32()
		if !ok {
			return nil, bad
		}
		m.Bias = append(m.Bias, math.Float32frombits(v))
	}
	t, ok := u32()
	if !ok {
		return nil, bad
	}
	m.Temperature = math.Float32frombits(t)
	nf, ok := u32()
	if !ok || int(nf) > len(b)/(8+4*int(ns)) {
		return nil, bad
	}
	m.Hashes = make([]uint64, nf)
	m.W = make([]float32, int(nf)*int(ns))
	for i := range m.Hashes {
		m.Hashes[i] = binary.LittleEndian.Uint64(b)
		b = b[8:]
		for s := 0; s < int(ns); s++ {
			m.W[i*int(ns)+s] = math.Float32frombits(binary.LittleEndian.Uint32(b))
			b = b[4:]
		}
	}
	if len(b) != 0 || !slices.IsSorted(m.Hashes) {
		return nil, fmt.Errorf("funnel model: %d bytes past the end or features out of order", len(b))
	}
	return m, nil
}

// Find returns the index of feature h (-1 when the model has no weight
// for it).
func (m *Model) Find(h uint64) int {
	m.indexOnce.Do(m.buildIndex)
	if b := bloomAt(h); m.bloom[b/64]&(1<<(b%64)) == 0 || h == 0 {
		return -1
	}
	for i := slotOf(h) & m.mask; ; i = (i + 1) & m.mask {
		switch sl := &m.slots[i]; sl.h {
		case h:
			return int(sl.i)
		case 0:
			return -1
		}
	}
}

func slotOf(h uint64) uint64 { return (h ^ h>>31) * 0x9e3779b97f4a7c15 >> 20 }

// buildIndex fills the lookup table and the filter.
func (m *Model) buildIndex() {
	size := uint64(16)
	for size < uint64(2*len(m.Hashes)) {
		size *= 2
	}
	m.slots, m.mask = make([]modelSlot, size), size-1
	m.bloom = make([]uint64, bloomBits/64)
	for n, h := range m.Hashes {
		if h == 0 {
			continue // never a feature hash (the kind byte is set)
		}
		i := slotOf(h) & m.mask
		for m.slots[i].h != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = modelSlot{h, int32(n)}
		b := bloomAt(h)
		m.bloom[b/64] |= 1 << (b % 64)
	}
	ns := len(m.Stages)
	m.pull = make([]float32, len(m.Hashes))
	for fi := range m.pull {
		if (fi+1)*ns > len(m.W) {
			break
		}
		w := m.W[fi*ns : fi*ns+ns]
		mean := float32(0)
		for _, x := range w {
			mean += x
		}
		mean /= float32(ns)
		pull := float32(0)
		for _, x := range w {
			pull = max(pull, x-mean)
		}
		m.pull[fi] = pull
	}
	if ns == 4 && len(m.W) == 4*len(m.Hashes) {
		m.rows = make([]modelRow, len(m.Hashes))
		for fi := range m.rows {
			m.rows[fi] = modelRow{w: [4]float32(m.W[fi*4 : fi*4+4]), pull: m.pull[fi]}
		}
	}
}

// Score adds the model's scores of the features to out (one per model
// stage), bias included, and returns how many features it knows. idx
// and vals are scratch (len(hashes) each; nil allocates).
func (m *Model) Score(hashes []uint64, out []float64) int {
	idx := make([]int, len(hashes))
	vals := make([]float64, len(hashes))
	return m.score(hashes, out, idx, vals)
}

func (m *Model) score(hashes []uint64, out []float64, idx []int, vals []float64) int {
	ns := len(m.Stages)
	for s := 0; s < ns; s++ {
		out[s] += float64(m.Bias[s])
	}
	known := 0
	for k, h := range hashes {
		i := m.Find(h)
		idx[k] = i
		known += 1 + i>>63 // i is -1 or an index
	}
	featureValues(hashes, idx, vals)
	// an unknown feature (i == -1) adds row 0 times its value 0: +0 or
	// -0, which leaves a sum unchanged (a sum of finite weights is never
	// -0), and no branch to mispredict
	if len(m.W) < ns {
		return known // no feature (every i is -1): nothing to add
	}
	if m.rows != nil {
		// four stages, in registers (the same sums in the same order)
		o0, o1, o2, o3 := out[0], out[1], out[2], out[3]
		for k, i := range idx {
			i &^= i >> 63
			r, v := &m.rows[i].w, vals[k]
			o0 += float64(r[0]) * v
			o1 += float64(r[1]) * v
			o2 += float64(r[2]) * v
			o3 += float64(r[3]) * v
		}
		out[0], out[1], out[2], out[3] = o0, o1, o2, o3
		return known
	}
	for k, i := range idx {
		i &^= i >> 63
		for s := 0; s < ns; s++ {
			out[s] += float64(m.W[i*ns+s]) * vals[k]
		}
	}
	return known
}

// Softmax writes the probabilities of scores (divided by temp) to p.
func Softmax(scores []float64, temp float64, p []float64) {
	if temp <= 0 {
		temp = 1
	}
	mx := math.Inf(-1)
	for _, s := range scores {
		mx = math.Max(mx, s/temp)
	}
	sum := 0.0
	for i, s := range scores {
		p[i] = math.Exp(s/temp - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
}
