package funnel

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
)

// The cache's and the shard files' encoding of the funnel tagger's
// per-document result (Stages' Doc part, lint/codec.go), field by field,
// with the tagger's state for the in-repo learning (Settle), so a cached
// asset is settled exactly as a freshly tagged one.

func init() { lint.SetDocCodec(Stages, encodeAsset, decodeAsset) }

func encodeAsset(e *lint.Enc, _ *lint.Env, a *Asset) {
	e.Bool(a != nil)
	if a == nil {
		return
	}
	if a.parked != "" {
		// encoded as it was before park (a copy: the asset may be read
		// by others meanwhile)
		u := *a
		u.unpark()
		a = &u
	}
	e.String(a.Path)
	e.String(a.Format)
	e.String(a.Title)
	e.String(a.Stage)
	e.String(a.StageSource)
	e.Float64(a.Confidence)
	e.Strings(a.Evidence)
	e.String(a.Team)
	e.Strings(a.Audiences)
	e.Strings(a.Objections)
	e.Strings(a.Products)
	e.String(a.Backend)
	e.String(a.RunnerUp)
	e.Float64(a.RunnerUpConfidence)
	e.Bool(a.state.Len() > 0)
	if a.state.Len() > 0 {
		b, err := a.state.Bytes(nil)
		if err != nil {
			b = nil // unreadable: an entry without the state is still right, only settled less well
		}
		e.Bytes(b)
	}
}

// packState encodes st for the run's spill (and the cache): field by
// field, pointer-free.
func packState(e *lint.Enc, st *tagState) {
	encFloats(e, st.scores)
	e.Int(st.known)
	e.Int(st.words)
	e.String(st.path.stage)
	e.Float64(st.path.weight)
	e.String(st.path.segment)
	e.Bool(st.hasPath)
	encFloats(e, st.signals)
	e.Bool(st.explicit)
	e.Uvarint(uint64(len(st.hashes)))
	// 4 bytes each: the hashes are uniform, so a varint would take 5
	e.B = slices.Grow(e.B, 4*len(st.hashes))
	for _, h := range st.hashes {
		e.B = binary.LittleEndian.AppendUint32(e.B, h)
	}
	e.Uvarint(uint64(len(st.all)))
	for _, h := range st.all {
		e.Uvarint(h)
	}
	e.Uvarint(uint64(len(st.cands)))
	for _, c := range st.cands {
		e.String(st.label(c))
		e.Int(int(c.w))
	}
	e.Uvarint(uint64(len(st.ws)))
	for _, w := range st.ws {
		e.Float32(w)
	}
}

func encFloats(e *lint.Enc, fs []float64) {
	e.Uvarint(uint64(len(fs)))
	for _, f := range fs {
		e.Float64(f)
	}
}

func decFloats(d *lint.Dec) []float64 {
	n := d.Len(8)
	if n == 0 {
		return nil
	}
	fs := make([]float64, n)
	for i := range fs {
		fs[i] = d.Float64()
	}
	return fs
}

func decodeAsset(d *lint.Dec, env *lint.Env) *Asset {
	if !d.Bool() {
		return nil
	}
	a := &Asset{}
	a.Path = d.String()
	a.Format = d.String()
	a.Title = d.String()
	a.Stage = d.String()
	a.StageSource = d.String()
	a.Confidence = d.Float64()
	a.Evidence = d.Strings()
	a.Team = d.String()
	a.Audiences = d.Strings()
	a.Objections = d.Strings()
	a.Products = d.Strings()
	a.Backend = d.String()
	a.RunnerUp = d.String()
	a.RunnerUpConfidence = d.Float64()
	if !d.Bool() {
		if d.Err() != nil {
			return nil
		}
		return a
	}
	b := d.Bytes()
	st := unpackState(lint.NewDec(b))
	if st == nil || d.Err() != nil {
		return nil
	}
	a.keepState(env, st, b)
	return a
}

// unpackState decodes what packState wrote (nil: not a valid state).
func unpackState(d *lint.Dec) *tagState {
	st := &tagState{}
	st.scores = decFloats(d)
	st.known = d.Int()
	st.words = d.Int()
	st.path.stage = d.String()
	st.path.weight = d.Float64()
	st.path.segment = d.String()
	st.hasPath = d.Bool()
	st.signals = decFloats(d)
	st.explicit = d.Bool()
	if n := d.Len(4); n > 0 {
		if b := d.Next(4 * n); b != nil {
			st.hashes = make([]uint32, n)
			for i := range st.hashes {
				st.hashes[i] = binary.LittleEndian.Uint32(b[4*i:])
			}
		}
	}
	if n := d.Len(1); n > 0 {
		st.all = make([]uint64, n)
		for i := range st.all {
			st.all[i] = d.Uvarint()
		}
	}
	if n := d.Len(2); n > 0 {
		st.cands = make([]candidate, n)
		var lb strings.Builder
		for i := range st.cands {
			l := d.String()
			if d.Err() != nil {
				return nil
			}
			st.cands[i].lo = uint32(lb.Len())
			lb.WriteString(l)
			st.cands[i].hi = uint32(lb.Len())
			st.cands[i].w = int32(d.Int())
		}
		st.labels = lb.String()
	}
	if n := d.Len(4); n > 0 {
		st.ws = make([]float32, n)
		for i := range st.ws {
			st.ws[i] = d.Float32()
		}
	}
	// the candidates' weights must lie in ws (the tagger reads
	// ws[w:w+stages]): an entry that says otherwise is corrupt
	for _, c := range st.cands {
		if c.w < 0 || int(c.w)+len(st.scores) > len(st.ws) {
			d.Fail(lint.ErrCorrupt)
		}
	}
	if d.Err() != nil {
		return nil
	}
	if d.Rest() != 0 {
		return nil
	}
	return st
}
