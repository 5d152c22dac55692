package report

import (
	"errors"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// A hand-written encoder for the version 1 JSON document. It writes
// exactly the bytes encoding/json writes for JSONOutput with two-space
// indentation and HTML escaping off (jsonwrite_test.go compares the two on
// random and hostile documents), at a fraction of the cost: a big run has
// tens of thousands of findings and the output is written on one core
// after every file has been checked.

// jsonWriter appends indented JSON to a buffer.
type jsonWriter struct {
	b     []byte
	depth int
	// first is true until the current object or array has a member.
	first []bool
	err   error
}

// indents is a line break and the indentation of the deepest levels
// written in one append.
const indents = "\n                                "

func (w *jsonWriter) newline() {
	if n := 1 + 2*w.depth; n <= len(indents) {
		w.b = append(w.b, indents[:n]...)
		return
	}
	w.b = append(w.b, indents...)
	for i := (len(indents) - 1) / 2; i < w.depth; i++ {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = append(w.first, true)
}

// close ends an object or array; an empty one stays "{}" or "[]".
func (w *jsonWriter) close(c byte) {
	w.depth--
	empty := w.first[len(w.first)-1]
	w.first = w.first[:len(w.first)-1]
	if !empty {
		w.newline()
	}
	w.b = append(w.b, c)
}

// elem starts an array element.
func (w *jsonWriter) elem() {
	top := len(w.first) - 1
	if !w.first[top] {
		w.b = append(w.b, ',')
	}
	w.first[top] = false
	w.newline()
}

// key starts an object member.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *jsonWriter) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jsonWriter) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jsonWriter) int(k string, v int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

func (w *jsonWriter) intOmit(k string, v int) {
	if v != 0 {
		w.int(k, v)
	}
}

func (w *jsonWriter) floatOmit(k string, v float64) {
	if v == 0 {
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		w.err = errors.New("json: unsupported value: " + strconv.FormatFloat(v, 'g', -1, 64))
		return
	}
	w.key(k)
	w.b = appendJSONFloat(w.b, v)
}

func (w *jsonWriter) strsOmit(k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	w.key(k)
	w.open('[')
	for _, v := range vs {
		w.elem()
		w.b = appendJSONString(w.b, v)
	}
	w.close(']')
}

// array writes member k: null for a nil slice, else its n elements.
func (w *jsonWriter) array(k string, isNil bool, n int, elem func(i int)) {
	w.key(k)
	if isNil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for i := 0; i < n; i++ {
		w.elem()
		elem(i)
	}
	w.close(']')
}

// appendJSONOutput appends the document and a final newline, as
// json.Encoder.Encode does.
func appendJSONOutput(b []byte, o *JSONOutput) ([]byte, error) {
	bw := &byteWriter{b: b}
	err := writeJSONOutput(bw, o, outputElems(o))
	return bw.b, err
}

type byteWriter struct{ b []byte }

func (w *byteWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// jsonElems are the findings and assets a document is written with,
// got one at a time (the result's, converted as they are written): no
// slice of the whole document's records.
type jsonElems struct {
	findings    int
	nilFindings bool // null, not []
	finding     func(i int) JSONFinding
	assets      int
	nilAssets   bool
	asset       func(i int) JSONAsset
	// confidences, when set, gives asset i's confidence and runner-up
	// confidence without converting it (the check before writing).
	confidences func(i int) (float64, float64)
	// batches, when set, gives the findings instead of findings and
	// finding: it calls write with each batch of them, in order (a
	// streamed result's, decoded as they are written).
	batches func(write func(n int, finding func(i int) JSONFinding) error) error
}

// outputElems are o's own findings and assets.
func outputElems(o *JSONOutput) jsonElems {
	return jsonElems{findings: len(o.Findings), nilFindings: o.Findings == nil, finding: func(i int) JSONFinding { return o.Findings[i] },
		assets: len(o.Assets), nilAssets: o.Assets == nil, asset: func(i int) JSONAsset { return o.Assets[i] }}
}

// Streaming findings and assets. A big run has tens of thousands of
// findings (22 MB of JSON in the 10,000-file bench) and an asset record
// per file (6 MB more). They are encoded in chunks of findingsChunk, on
// every core, into pooled buffers, and each chunk is written as soon as
// those before it are: no buffer of the whole document (fresh memory
// costs page faults, and at 100,000 files the assets alone were 66 MB),
// and the writing overlaps the encoding. Each chunk's writer starts at
// the array's depth, so the bytes are those of one writer. The variables
// are for the tests.
var (
	findingsChunk    = 1024
	parallelFindings = 4096 // fewer elements are encoded on one goroutine
)

var chunkPool = sync.Pool{New: func() any { return new([]byte) }}

// writeJSONOutput writes o to out as appendJSONOutput appends it, with
// the findings and assets of el (o's are not read). Nothing is written
// when the document cannot be encoded (an asset's confidence that is not
// a finite number: checked first).
func writeJSONOutput(out io.Writer, o *JSONOutput, el jsonElems) error {
	for i := 0; i < el.assets; i++ {
		var c1, c2 float64
		if el.confidences != nil {
			c1, c2 = el.confidences(i)
		} else {
			a := el.asset(i)
			c1, c2 = a.Confidence, a.RunnerUpConfidence
		}
		for _, c := range [2]float64{c1, c2} {
			if math.IsNaN(c) || math.IsInf(c, 0) {
				return errors.New("json: unsupported value: " + strconv.FormatFloat(c, 'g', -1, 64))
			}
		}
	}
	w := &jsonWriter{}
	w.open('{')
	w.int("version", o.Version)
	w.key("tool")
	w.open('{')
	w.str("name", o.Tool.Name)
	w.str("version", o.Tool.Version)
	w.close('}')
	w.strOmit("path_base", o.PathBase)
	// each array: null, or its elements written chunk by chunk
	array := func(k string, isNil bool, n int, encode func(cw *jsonWriter, i int)) error {
		if isNil {
			w.array(k, true, 0, nil)
			return nil
		}
		w.key(k)
		w.open('[')
		if _, err := out.Write(w.b); err != nil {
			return err
		}
		if err := writeElems(out, w.depth, n, encode); err != nil {
			return err
		}
		w.b = w.b[:0]
		w.first[len(w.first)-1] = n == 0
		w.close(']')
		return nil
	}
	if el.batches != nil {
		w.key("findings")
		w.open('[')
		if _, err := out.Write(w.b); err != nil {
			return err
		}
		n := 0
		if err := el.batches(func(m int, finding func(i int) JSONFinding) error {
			err := writeElemsFrom(out, w.depth, n, m, func(cw *jsonWriter, i int) {
				f := finding(i)
				cw.finding(&f)
			})
			n += m
			return err
		}); err != nil {
			return err
		}
		w.b = w.b[:0]
		w.first[len(w.first)-1] = n == 0
		w.close(']')
	} else if err := array("findings", el.nilFindings, el.findings, func(cw *jsonWriter, i int) {
		f := el.finding(i)
		cw.finding(&f)
	}); err != nil {
		return err
	}
	if err := array("assets", el.nilAssets, el.assets, func(cw *jsonWriter, i int) {
		a := el.asset(i)
		cw.asset(&a)
	}); err != nil {
		return err
	}
	w.key("summary")
	w.open('{')
	w.int("files", o.Summary.Files)
	w.int("skipped", o.Summary.Skipped)
	w.int("errors", o.Summary.Errors)
	w.int("warnings", o.Summary.Warnings)
	w.int("infos", o.Summary.Infos)
	w.close('}')
	w.close('}')
	w.b = append(w.b, '\n')
	_, err := out.Write(w.b)
	return err
}

// writeElems writes n elements of an array at depth, each encoded by
// encode into a chunk's writer.
func writeElems(out io.Writer, depth, n int, encode func(cw *jsonWriter, i int)) error {
	return writeElemsFrom(out, depth, 0, n, encode)
}

// writeElemsFrom is writeElems for elements that follow base others of
// the same array (a comma before the first of them when base > 0).
func writeElemsFrom(out io.Writer, depth, base, n int, encode func(cw *jsonWriter, i int)) error {
	chunk := func(b []byte, lo, hi int) []byte {
		cw := &jsonWriter{b: b, depth: depth, first: []bool{base+lo == 0}}
		for i := lo; i < hi; i++ {
			cw.elem()
			encode(cw, i)
		}
		return cw.b
	}
	chunks := (n + findingsChunk - 1) / findingsChunk
	procs := runtime.GOMAXPROCS(0)
	if n < parallelFindings || procs < 2 || chunks < 2 {
		bp := chunkPool.Get().(*[]byte)
		defer chunkPool.Put(bp)
		for c := 0; c < chunks; c++ {
			*bp = chunk((*bp)[:0], c*findingsChunk, min((c+1)*findingsChunk, n))
			if _, err := out.Write(*bp); err != nil {
				return err
			}
		}
		return nil
	}
	// Workers take a slot, then the next chunk, so that the chunk the
	// writer waits for always holds a slot: at most 2*procs chunks are
	// encoded and not yet written.
	done := make([]chan *[]byte, chunks)
	for c := range done {
		done[c] = make(chan *[]byte, 1)
	}
	slots := make(chan struct{}, 2*procs)
	var next atomic.Int64
	for range procs {
		go func() {
			for {
				slots <- struct{}{}
				c := int(next.Add(1) - 1)
				if c >= chunks {
					<-slots
					return
				}
				bp := chunkPool.Get().(*[]byte)
				*bp = chunk((*bp)[:0], c*findingsChunk, min((c+1)*findingsChunk, n))
				done[c] <- bp
			}
		}()
	}
	var err error
	for c := range done {
		bp := <-done[c]
		if err == nil {
			_, err = out.Write(*bp)
		}
		chunkPool.Put(bp)
		<-slots
	}
	return err
}

func (w *jsonWriter) finding(f *JSONFinding) {
	w.open('{')
	w.str("rule", f.Rule)
	w.str("severity", f.Severity)
	w.str("message", f.Message)
	w.str("path", f.Path)
	w.intOmit("line", f.Line)
	w.intOmit("column", f.Column)
	w.intOmit("end_line", f.EndLine)
	w.intOmit("end_column", f.EndColumn)
	w.strOmit("location", f.Location)
	w.strOmit("match", f.Match)
	w.strOmit("context", f.Context)
	if f.Fix != nil {
		w.key("fix")
		w.open('{')
		w.str("replacement", f.Fix.Replacement)
		w.close('}')
	}
	if len(f.Related) > 0 {
		w.key("related")
		w.open('[')
		for _, r := range f.Related {
			w.elem()
			w.open('{')
			w.str("path", r.Path)
			w.intOmit("line", r.Line)
			w.intOmit("column", r.Column)
			w.strOmit("location", r.Location)
			w.strOmit("match", r.Match)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
}

func (w *jsonWriter) asset(a *JSONAsset) {
	w.open('{')
	w.str("path", a.Path)
	w.str("format", a.Format)
	w.strOmit("title", a.Title)
	w.strOmit("stage", a.Stage)
	w.strOmit("stage_source", a.StageSource)
	w.floatOmit("confidence", a.Confidence)
	w.strOmit("runner_up", a.RunnerUp)
	w.floatOmit("runner_up_confidence", a.RunnerUpConfidence)
	w.strsOmit("evidence", a.Evidence)
	w.strOmit("team", a.Team)
	w.strsOmit("audiences", a.Audiences)
	w.strsOmit("objections", a.Objections)
	w.strsOmit("products", a.Products)
	w.strOmit("backend", a.Backend)
	w.close('}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping off:
// invalid UTF-8 becomes U+FFFD, and U+2028 and U+2029 are escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat formats a finite float64 as encoding/json does.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}
