package naming

import (
	"encoding/binary"
	"iter"
)

// A document's occurrences are kept to the end of the run (for Finish)
// packed in varints, about 8 bytes an occurrence instead of 24: each field
// is the difference from the previous occurrence's (zigzag), srcEnd from
// its own srcStart.

// packOccs appends occs, packed, to dst.
func packOccs(dst []byte, occs []occurrence) []byte {
	var prev occurrence
	for i := range occs {
		o := &occs[i]
		dst = binary.AppendVarint(dst, int64(o.form)-int64(prev.form))
		// the flags low, so that a count of 1 takes one byte
		dst = binary.AppendUvarint(dst, uint64(o.bits&occTimes)<<2|uint64(o.bits>>30))
		dst = binary.AppendVarint(dst, int64(o.line)-int64(prev.line))
		dst = binary.AppendVarint(dst, int64(o.col)-int64(prev.col))
		dst = binary.AppendVarint(dst, int64(o.srcStart)-int64(prev.srcStart))
		dst = binary.AppendVarint(dst, int64(o.srcEnd)-int64(o.srcStart))
		prev = *o
	}
	return dst
}

// occs yields the fact's occurrences in document order, with their
// index, read back from the run's spill into *buf. None when they cannot be
// read back (the spill's file failed): the document then counts for
// nothing in Finish.
func (f *nameFact) occs(buf *[]byte) iter.Seq2[int, occurrence] {
	return func(yield func(int, occurrence) bool) {
		b, err := f.Packed.Bytes(*buf)
		*buf = b[:0:cap(b)] // reused when the next value comes from the spill
		if err != nil {
			return
		}
		var o occurrence
		next := func() int64 {
			v, n := binary.Varint(b)
			if n <= 0 {
				b = nil
				return 0
			}
			b = b[n:]
			return v
		}
		for i := 0; i < f.N && len(b) > 0; i++ {
			o.form += int32(next())
			bits, n := binary.Uvarint(b)
			if n <= 0 {
				return
			}
			b = b[n:]
			o.bits = uint32(bits>>2)&occTimes | uint32(bits&3)<<30
			o.line += int32(next())
			o.col += int32(next())
			o.srcStart += int32(next())
			o.srcEnd = o.srcStart + int32(next())
			if !yield(i, o) {
				return
			}
		}
	}
}
