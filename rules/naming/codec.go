package naming

import (
	"maps"
	"slices"

	"github.com/msglint/msglint/lint"
)

// The cache's and the shard files' encoding of naming/inconsistent's facts
// (lint/codec.go). A form is written as its text: form ids are this run's
// interned ones, and are interned again on decoding.

func init() { lint.SetFactCodec(nameFacts, encodeNameFact, decodeNameFact) }

func encodeNameFact(e *lint.Enc, env *lint.Env, f *nameFact) {
	e.Bool(f != nil)
	if f == nil {
		return
	}
	fs := runForms(env)
	fs.mu.Lock()
	e.Uvarint(uint64(f.N))
	var buf []byte
	for _, o := range f.occs(&buf) {
		e.String(fs.text[o.form])
		e.Uvarint(uint64(o.bits))
		e.Int(int(o.line))
		e.Int(int(o.col))
		e.Int(int(o.srcStart))
		e.Int(int(o.srcEnd))
	}
	fs.mu.Unlock()
	e.Strings(f.Locs)
	e.Uvarint(uint64(len(f.Long)))
	for _, k := range slices.Sorted(maps.Keys(f.Long)) { // stable bytes
		e.Int(int(k))
		e.String(f.Long[k])
	}
}

func decodeNameFact(d *lint.Dec, env *lint.Env) *nameFact {
	if !d.Bool() {
		return nil
	}
	fs := runForms(env)
	f := &nameFact{}
	if n := d.Len(6); n > 0 {
		occs := make([]occurrence, n)
		for i := range occs {
			text := d.Bytes()
			if d.Err() != nil {
				return nil
			}
			id := fs.idOf(text)
			occs[i] = occurrence{form: id, bits: uint32(d.Uvarint()), line: int32(d.Int()), col: int32(d.Int()),
				srcStart: int32(d.Int()), srcEnd: int32(d.Int())}
		}
		f.Packed, f.N = lint.Keep(env, packOccs(nil, occs)), n
	}
	f.Locs = d.Strings()
	if n := d.Len(2); n > 0 {
		f.Long = make(map[int32]string, n)
		for range n {
			k := int32(d.Int())
			f.Long[k] = d.String()
		}
	}
	if d.Err() != nil {
		return nil
	}
	return f
}

// idOf is id for a form's bytes, without a copy when the form is known.
func (fs *forms) idOf(b []byte) int32 {
	fs.mu.Lock()
	id, ok := fs.ids[string(b)]
	fs.mu.Unlock()
	if !ok {
		id, _ = fs.id(string(b))
	}
	return id
}
