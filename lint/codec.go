package lint

import (
	"encoding/binary"
	"errors"
	"math"
	"sync"
)

// The compact encoding of what a run keeps per file (findings, facts, the
// corpus analyses' per-document results), for the content cache and the
// shard files of `msglint merge`. Every value is written field by field
// (varints and length-prefixed strings), never by reflection: the
// decoder of a cache entry is a hot path, and a gob of whole findings was
// measured slower to decode than to recompute. The decoder trusts
// nothing: every length is checked against what is left, and an error is
// sticky (the caller drops the entry).

// Enc appends values to B.
type Enc struct {
	B []byte
}

// Uvarint appends v.
func (e *Enc) Uvarint(v uint64) { e.B = binary.AppendUvarint(e.B, v) }

// Int appends v (zig-zag).
func (e *Enc) Int(v int) { e.B = binary.AppendVarint(e.B, int64(v)) }

// Bool appends v.
func (e *Enc) Bool(v bool) {
	if v {
		e.B = append(e.B, 1)
	} else {
		e.B = append(e.B, 0)
	}
}

// String appends s with its length.
func (e *Enc) String(s string) {
	e.Uvarint(uint64(len(s)))
	e.B = append(e.B, s...)
}

// Bytes appends b as a String.
func (e *Enc) Bytes(b []byte) {
	e.Uvarint(uint64(len(b)))
	e.B = append(e.B, b...)
}

// Strings appends ss with their number.
func (e *Enc) Strings(ss []string) {
	e.Uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.String(s)
	}
}

// Float64 appends v's bits.
func (e *Enc) Float64(v float64) { e.B = binary.LittleEndian.AppendUint64(e.B, math.Float64bits(v)) }

// Float32 appends v's bits.
func (e *Enc) Float32(v float32) { e.B = binary.LittleEndian.AppendUint32(e.B, math.Float32bits(v)) }

// ErrCorrupt is a Dec's error on bytes that are not a valid encoding.
var ErrCorrupt = errors.New("corrupt encoding")

// Dec reads values Enc wrote. After the first error every read returns
// the zero value; Err reports it.
type Dec struct {
	b   []byte
	err error
	// Shared, when set, gives the string SharedString reads without a
	// copy of its own ("": none, one is made): the rule names, paths,
	// messages and matches of decoded findings, which many findings
	// share.
	Shared func(b []byte) string
}

// NewDec returns a decoder of b.
func NewDec(b []byte) *Dec { return &Dec{b: b} }

// Err is the first error met (nil: none).
func (d *Dec) Err() error { return d.err }

// Fail records err (the first one is kept).
func (d *Dec) Fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.b = nil
}

// Rest is how many bytes are left.
func (d *Dec) Rest() int { return len(d.b) }

// Next returns the next n bytes (nil and an error when fewer are left).
func (d *Dec) Next(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.Fail(ErrCorrupt)
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

// Uvarint reads a uvarint.
func (d *Dec) Uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.Fail(ErrCorrupt)
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Int reads an Int.
func (d *Dec) Int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 || v > math.MaxInt32 || v < math.MinInt32 {
		d.Fail(ErrCorrupt)
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// Bool reads a Bool.
func (d *Dec) Bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.Fail(ErrCorrupt)
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// Len reads a count of elements that take at least minSize bytes each,
// checked against the bytes left (so a corrupt count cannot allocate).
func (d *Dec) Len(minSize int) int {
	v := d.Uvarint()
	if v > uint64(len(d.b)/max(minSize, 1)) {
		d.Fail(ErrCorrupt)
		return 0
	}
	return int(v)
}

// String reads a String.
func (d *Dec) String() string {
	n := d.Len(1)
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// SharedString reads a String, as Shared gives it when it can.
func (d *Dec) SharedString() string {
	if d.Shared == nil {
		return d.String()
	}
	b := d.Bytes()
	if s := d.Shared(b); s != "" || len(b) == 0 {
		return s
	}
	return string(b)
}

// Bytes reads a String without copying it: the bytes are the decoder's
// input's, valid as long as it is.
func (d *Dec) Bytes() []byte {
	n := d.Len(1)
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

// Strings reads Strings (nil when there are none).
func (d *Dec) Strings() []string {
	n := d.Len(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.String()
	}
	return ss
}

// Float64 reads a Float64.
func (d *Dec) Float64() float64 {
	if len(d.b) < 8 {
		d.Fail(ErrCorrupt)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

// Float32 reads a Float32.
func (d *Dec) Float32() float32 {
	if len(d.b) < 4 {
		d.Fail(ErrCorrupt)
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(d.b))
	d.b = d.b[4:]
	return v
}

// EncodeSite appends s.
func EncodeSite(e *Enc, s *Site) {
	e.String(s.Path)
	e.Int(s.Line)
	e.Int(s.Col)
	e.Int(s.EndLine)
	e.Int(s.EndCol)
	e.String(s.Loc)
	e.String(s.Match)
	e.String(s.Context)
	e.String(s.LineText)
	e.Int(s.SrcStart)
	e.Int(s.SrcEnd)
	e.Bool(s.Exact)
	e.Uvarint(uint64(s.Need))
}

// DecodeSite reads a Site EncodeSite wrote.
func DecodeSite(d *Dec) Site {
	var s Site
	s.Path = d.SharedString()
	s.Line = d.Int()
	s.Col = d.Int()
	s.EndLine = d.Int()
	s.EndCol = d.Int()
	s.Loc = d.String()
	s.Match = d.SharedString()
	s.Context = d.String()
	s.LineText = d.String()
	s.SrcStart = d.Int()
	s.SrcEnd = d.Int()
	s.Exact = d.Bool()
	need := d.Uvarint()
	if need > uint64(NeedLine|NeedContext) {
		d.Fail(ErrCorrupt)
	}
	s.Need = SourceNeed(need)
	return s
}

// EncodeFinding appends f.
func EncodeFinding(e *Enc, f *Finding) {
	e.String(f.Rule)
	e.Int(int(f.Severity))
	e.String(f.Message)
	EncodeSite(e, &f.Site)
	e.Bool(f.Fix != nil)
	if f.Fix != nil {
		e.String(f.Fix.Replacement)
		e.Int(f.Fix.Start)
		e.Int(f.Fix.End)
		e.Int(int(f.Fix.Safety))
		e.String(f.Fix.Why)
	}
	e.Uvarint(uint64(len(f.Related)))
	for i := range f.Related {
		EncodeSite(e, &f.Related[i])
	}
}

// DecodeFinding reads a Finding EncodeFinding wrote.
func DecodeFinding(d *Dec) Finding {
	var f Finding
	f.Rule = d.SharedString()
	f.Severity = Severity(d.Int())
	if f.Severity < Off || f.Severity > Error {
		d.Fail(ErrCorrupt)
	}
	f.Message = d.SharedString()
	f.Site = DecodeSite(d)
	if d.Bool() {
		f.Fix = &Fix{Replacement: d.String(), Start: d.Int(), End: d.Int(), Safety: FixSafety(d.Int()), Why: d.String()}
	}
	if n := d.Len(12); n > 0 {
		f.Related = make([]Site, n)
		for i := range f.Related {
			f.Related[i] = DecodeSite(d)
		}
	}
	return f
}

// A fact's or a corpus analysis' codec, registered by the rule family that
// owns the type (its codec.go). A run whose facts or per-document results
// have no codec is not cached.
type codec struct {
	key any // FactType or Corpus
	enc func(*Enc, *Env, any)
	dec func(*Dec, *Env) any
}

var codecs struct {
	sync.RWMutex
	facts map[string]*codec // by fact name
	docs  map[Corpus]*codec
}

// SetFactCodec registers how facts of kind f are encoded (in a rule
// family's init).
func SetFactCodec[T any](f *Fact[T], enc func(*Enc, *Env, T), dec func(*Dec, *Env) T) {
	codecs.Lock()
	defer codecs.Unlock()
	if codecs.facts == nil {
		codecs.facts = map[string]*codec{}
	}
	codecs.facts[f.Name] = &codec{key: FactType(f),
		enc: func(e *Enc, env *Env, v any) { enc(e, env, v.(T)) },
		dec: func(d *Dec, env *Env) any { return dec(d, env) }}
}

// SetDocCodec registers how a's per-document results are encoded (in a
// rule family's init).
func SetDocCodec[D, T any](a *CorpusAnalysis[D, T], enc func(*Enc, *Env, D), dec func(*Dec, *Env) D) {
	codecs.Lock()
	defer codecs.Unlock()
	if codecs.docs == nil {
		codecs.docs = map[Corpus]*codec{}
	}
	codecs.docs[a] = &codec{key: Corpus(a),
		enc: func(e *Enc, env *Env, v any) { enc(e, env, v.(D)) },
		dec: func(d *Dec, env *Env) any { return dec(d, env) }}
}

// HasDocCodec reports whether a's per-document results can be encoded.
func HasDocCodec(a Corpus) bool {
	codecs.RLock()
	defer codecs.RUnlock()
	return codecs.docs[a] != nil
}

// EncodeExports appends a document's facts; false when a fact has no codec.
func EncodeExports(e *Enc, env *Env, ex Exports) bool {
	codecs.RLock()
	defer codecs.RUnlock()
	e.Uvarint(uint64(len(ex)))
	for _, x := range ex {
		c := codecs.facts[x.key.FactName()]
		if c == nil || c.key != x.key {
			return false
		}
		e.String(x.key.FactName())
		c.enc(e, env, x.v)
	}
	return true
}

// DecodeExports reads the facts EncodeExports wrote.
func DecodeExports(d *Dec, env *Env) Exports {
	n := d.Len(2)
	if n == 0 {
		return nil
	}
	codecs.RLock()
	defer codecs.RUnlock()
	ex := make(Exports, 0, n)
	for range n {
		c := codecs.facts[d.String()]
		if c == nil {
			d.Fail(ErrCorrupt)
			return nil
		}
		v := c.dec(d, env)
		if d.Err() != nil {
			return nil
		}
		ex = append(ex, exported{c.key.(FactType), v})
	}
	return ex
}

// EncodeCorpusDoc appends a's per-document result v (nil: none); false
// when a has no codec.
func EncodeCorpusDoc(e *Enc, env *Env, a Corpus, v any) bool {
	codecs.RLock()
	c := codecs.docs[a]
	codecs.RUnlock()
	if c == nil {
		return false
	}
	e.Bool(v != nil)
	if v != nil {
		c.enc(e, env, v)
	}
	return true
}

// DecodeCorpusDoc reads what EncodeCorpusDoc wrote.
func DecodeCorpusDoc(d *Dec, env *Env, a Corpus) any {
	codecs.RLock()
	c := codecs.docs[a]
	codecs.RUnlock()
	if c == nil {
		d.Fail(ErrCorrupt)
		return nil
	}
	if !d.Bool() {
		return nil
	}
	return c.dec(d, env)
}
