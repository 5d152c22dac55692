// Copyright 2014 The Go Authors.  All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"fmt"
	"io"
)

func (r *Reader) resolve(parent objptr, x interface{}) Value {
	if ptr, ok := x.(objptr); ok {
		if ptr.id >= uint32(len(r.xref)) {
			return Value{}
		}
		xref := r.xref[ptr.id]
		if xref.ptr != ptr || !xref.inStream && xref.offset == 0 {
			return Value{}
		}
		var obj object
		r.bud.step(1)
		if r.depth >= maxResolveDepth {
			r.bud.fail(malformed("object %d: object streams nest more than %d deep (a cycle?)", ptr.id, maxResolveDepth))
		}
		r.depth++
		defer func() { r.depth-- }()
		if xref.inStream {
			strm := r.resolve(parent, xref.stream)
			hops := 0
		Search:
			for {
				if hops++; hops > maxExtends {
					r.bud.fail(malformed("object stream /Extends chain longer than %d (a cycle?)", maxExtends))
				}
				if strm.Kind() != Stream {
					panic("not a stream")
				}
				if strm.Key("Type").Name() != "ObjStm" {
					panic("not an object stream")
				}
				n := int(strm.Key("N").Int64())
				first := strm.Key("First").Int64()
				if first == 0 {
					panic("missing First")
				}
				b := newBuffer(r.objStmReader(strm), 0, r.bud)
				b.allowEOF = true
				for i := 0; i < n; i++ {
					tok := b.readToken()
					if tok == io.EOF {
						break
					}
					id, _ := tok.(int64)
					off, _ := b.readToken().(int64)
					if uint32(id) == ptr.id {
						b.seekForward(first + off)
						x = b.readObject()
						break Search
					}
				}
				ext := strm.Key("Extends")
				if ext.Kind() != Stream {
					panic("cannot find object in stream")
				}
				strm = ext
			}
		} else {
			b := newBuffer(io.NewSectionReader(r.f, xref.offset, r.end-xref.offset), xref.offset, r.bud)
			b.key = r.key
			b.useAES = r.useAES
			obj = b.readObject()
			def, ok := obj.(objdef)
			if !ok {
				panic(fmt.Errorf("loading %v: found %T instead of objdef", ptr, obj))
				//return Value{}
			}
			if def.ptr != ptr {
				panic(fmt.Errorf("loading %v: found %v", ptr, def.ptr))
			}
			x = def.obj
		}
		parent = ptr
	}

	switch x := x.(type) {
	case nil, bool, int64, float64, name, dict, array, stream:
		return Value{r, parent, x}
	case string:
		return Value{r, parent, x}
	default:
		panic(fmt.Errorf("unexpected value type %T in resolve", x))
	}
}

// objStmReader returns the decoded data of the object stream strm, decoded
// once and kept when it is at most maxCachedObjStm bytes (it counted against
// the inflate limits when it was decoded), else decoded again. Every
// object in an object stream used to inflate the stream again, up to the
// object.
func (r *Reader) objStmReader(strm Value) io.Reader {
	if data, ok := r.objStms[strm.ptr]; ok {
		return bytes.NewReader(data)
	}
	data, err := io.ReadAll(io.LimitReader(strm.Reader(), maxCachedObjStm+1))
	if err != nil || len(data) > maxCachedObjStm {
		return strm.Reader() // read as it comes, error and all
	}
	if r.objStms == nil {
		r.objStms = map[objptr][]byte{}
	}
	r.objStms[strm.ptr] = data
	return bytes.NewReader(data)
}

type errorReadCloser struct {
	err error
}

func (e *errorReadCloser) Read([]byte) (int, error) {
	return 0, e.err
}

func (e *errorReadCloser) Close() error {
	return e.err
}

// Reader returns the data contained in the stream v.
// If v.Kind() != Stream, Reader returns a ReadCloser that
// responds to all reads with a “stream not present” error.
func (v Value) Reader() io.ReadCloser {
	x, ok := v.data.(stream)
	if !ok {
		return &errorReadCloser{fmt.Errorf("stream not present")}
	}
	streamLen := v.Key("Length").Int64()
	// Handle empty streams - return empty reader without applying filters.
	// This avoids zlib "unexpected EOF" errors on 0-length FlateDecode streams.
	if streamLen == 0 {
		return io.NopCloser(bytes.NewReader(nil))
	}
	var rd io.Reader
	rd = io.NewSectionReader(v.r.f, x.offset, streamLen)
	if v.r.key != nil {
		rd = decryptStream(v.r.key, v.r.useAES, x.ptr, rd)
	}
	filter := v.Key("Filter")
	param := v.Key("DecodeParms")
	switch filter.Kind() {
	default:
		panic(fmt.Errorf("unsupported filter %v", filter))
	case Null:
		// ok
	case Name:
		rd = applyFilter(v.r.bud, rd, filter.Name(), param)
	case Array:
		if filter.Len() > maxFilters {
			v.r.bud.fail(malformed("a stream has %d filters (more than %d)", filter.Len(), maxFilters))
		}
		for i := 0; i < filter.Len(); i++ {
			rd = applyFilter(v.r.bud, rd, filter.Index(i).Name(), param.Index(i))
		}
	}

	return io.NopCloser(rd)
}

// applyFilter decodes rd; bud counts (and caps) the bytes it inflates.
func applyFilter(bud *budget, rd io.Reader, name string, param Value) io.Reader {
	switch name {
	default:
		panic("unknown filter " + name)
	case "FlateDecode":
		bud.step(1)
		z, err := zlib.NewReader(rd)
		if err != nil {
			panic(err)
		}
		zr := &countReader{r: z, b: bud}
		pred := param.Key("Predictor")
		if pred.Kind() == Null {
			return zr
		}
		columns := param.Key("Columns").Int64()
		if columns < 0 || columns >= maxPredictorRow {
			bud.fail(malformed("predictor /Columns %d (a row of more than %d bytes)", columns, maxPredictorRow))
		}
		switch pred.Int64() {
		default:
			if DebugOn {
				fmt.Println("unknown predictor", pred)
			}
			panic("pred")
		case 12:
			return &pngUpReader{r: zr, hist: make([]byte, 1+columns), tmp: make([]byte, 1+columns)}
		}
	case "ASCII85Decode":
		cleanASCII85 := newAlphaReader(rd)
		decoder := ascii85.NewDecoder(cleanASCII85)

		switch param.Keys() {
		default:
			if DebugOn {
				fmt.Println("param=", param)
			}
			panic("not expected DecodeParms for ascii85")
		case nil:
			return decoder
		}
	}
}

type pngUpReader struct {
	r    io.Reader
	hist []byte
	tmp  []byte
	pend []byte
}

func (r *pngUpReader) Read(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if len(r.pend) > 0 {
			m := copy(b, r.pend)
			n += m
			b = b[m:]
			r.pend = r.pend[m:]
			continue
		}
		_, err := io.ReadFull(r.r, r.tmp)
		if err != nil {
			return n, err
		}
		if r.tmp[0] != 2 {
			return n, fmt.Errorf("malformed PNG-Up encoding")
		}
		for i, b := range r.tmp {
			r.hist[i] += b
		}
		r.pend = r.hist[1:]
	}
	return n, nil
}
