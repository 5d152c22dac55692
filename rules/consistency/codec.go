package consistency

import (
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/claims"
)

// The cache's and the shard files' encoding of consistency/claim-conflict's
// facts (lint/codec.go), field by field.

func init() { lint.SetFactCodec(conflictFacts, encodeConflictFact, decodeConflictFact) }

func encodeConflictFact(e *lint.Enc, _ *lint.Env, f *conflictFact) {
	e.Bool(f != nil)
	if f == nil {
		return
	}
	e.Strings(f.Keys)
	e.Float64(f.Num.Value)
	e.Uvarint(uint64(f.Num.Unit))
	e.String(f.Num.Currency)
	e.Bool(f.Num.Plus)
	e.Bool(f.Num.Scaled)
	e.Bool(f.Num.Spelled)
	e.String(f.Written)
	e.String(f.Snippet)
	lint.EncodeSite(e, &f.Site)
	e.String(f.Unit)
}

func decodeConflictFact(d *lint.Dec, _ *lint.Env) *conflictFact {
	if !d.Bool() {
		return nil
	}
	f := &conflictFact{}
	f.Keys = d.Strings()
	f.Num.Value = d.Float64()
	u := d.Uvarint()
	if u > 255 {
		d.Fail(lint.ErrCorrupt)
	}
	f.Num.Unit = claims.Unit(u)
	f.Num.Currency = d.String()
	f.Num.Plus = d.Bool()
	f.Num.Scaled = d.Bool()
	f.Num.Spelled = d.Bool()
	f.Written = d.String()
	f.Snippet = d.String()
	f.Site = lint.DecodeSite(d)
	f.Unit = d.String()
	if d.Err() != nil {
		return nil
	}
	return f
}
