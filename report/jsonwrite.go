package report

import (
	"errors"
	"math"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"
)

// A hand-written encoder for the version 1 JSON document. It writes
// exactly the bytes encoding/json writes for JSONOutput with two-space
// indentation and HTML escaping off (jsonwrite_test.go compares the two on
// random and hostile documents), at a fraction of the cost: a big run has
// tens of thousands of findings and the output is written on one core
// after every file has been checked.

// jw appends indented JSON to a buffer.
type jw struct {
	b     []byte
	depth int
	// first is true until the current object or array has a member.
	first []bool
	err   error
}

func (w *jw) newline() {
	w.b = append(w.b, '\n')
	for i := 0; i < w.depth; i++ {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *jw) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = append(w.first, true)
}

// close ends an object or array; an empty one stays "{}" or "[]".
func (w *jw) close(c byte) {
	w.depth--
	empty := w.first[len(w.first)-1]
	w.first = w.first[:len(w.first)-1]
	if !empty {
		w.newline()
	}
	w.b = append(w.b, c)
}

// elem starts an array element.
func (w *jw) elem() {
	top := len(w.first) - 1
	if !w.first[top] {
		w.b = append(w.b, ',')
	}
	w.first[top] = false
	w.newline()
}

// key starts an object member.
func (w *jw) key(k string) {
	w.elem()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
}

func (w *jw) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

func (w *jw) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jw) int(k string, v int) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

func (w *jw) intOmit(k string, v int) {
	if v != 0 {
		w.int(k, v)
	}
}

func (w *jw) floatOmit(k string, v float64) {
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

func (w *jw) strsOmit(k string, vs []string) {
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
func (w *jw) array(k string, isNil bool, n int, elem func(i int)) {
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
	w := &jw{b: b}
	w.open('{')
	w.int("version", o.Version)
	w.key("tool")
	w.open('{')
	w.str("name", o.Tool.Name)
	w.str("version", o.Tool.Version)
	w.close('}')
	w.findings(o.Findings)
	w.array("assets", o.Assets == nil, len(o.Assets), func(i int) { w.asset(&o.Assets[i]) })
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
	return w.b, w.err
}

// parallelFindings is the number of findings from which they are encoded
// in chunks on every core (a variable for the tests).
var parallelFindings = 4096

// findings writes the findings member. A long array is cut into one chunk
// a core, each encoded into its own buffer by its own writer starting at
// the array's depth, and the chunks are appended in order: the same bytes
// as one writer's.
func (w *jw) findings(fs []JSONFinding) {
	procs := runtime.GOMAXPROCS(0)
	if fs == nil || len(fs) < parallelFindings || procs < 2 {
		w.array("findings", fs == nil, len(fs), func(i int) { w.finding(&fs[i]) })
		return
	}
	w.key("findings")
	w.open('[')
	chunks := make([][]byte, procs)
	per := (len(fs) + procs - 1) / procs
	var wg sync.WaitGroup
	for c := range chunks {
		lo, hi := c*per, min((c+1)*per, len(fs))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cw := &jw{b: make([]byte, 0, 640*(hi-lo)), depth: w.depth, first: []bool{c == 0}}
			for i := lo; i < hi; i++ {
				cw.elem()
				cw.finding(&fs[i])
			}
			chunks[c] = cw.b
		}()
	}
	wg.Wait()
	for _, b := range chunks {
		w.b = append(w.b, b...)
	}
	w.first[len(w.first)-1] = false
	w.close(']')
}

func (w *jw) finding(f *JSONFinding) {
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

func (w *jw) asset(a *JSONAsset) {
	w.open('{')
	w.str("path", a.Path)
	w.str("format", a.Format)
	w.strOmit("title", a.Title)
	w.strOmit("stage", a.Stage)
	w.strOmit("stage_source", a.StageSource)
	w.floatOmit("confidence", a.Confidence)
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
