package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// stdJSON is the reference: what encoding/json writes for the document.
func stdJSON(t testing.TB, o *JSONOutput) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(o))
	return buf.Bytes()
}

// hostile strings: escapes, control bytes, HTML, invalid UTF-8, the two
// line separators JSON escapes, wide and combining characters.
var jsonPieces = []string{
	"", "a", "Acme CloudSync", `"`, `\`, "<b>&amp;</b>", "\n", "\r\n", "\t", "\b", "\f", "\x00", "\x1f", "\x7f",
	"\xff", "\xe2\x80", "\u2028", "\u2029", "é", "e\u0301", "日本語", "🙂", "\ufffd", "\xed\xa0\x80", "'", "/",
}

func randString(r *rand.Rand) string {
	var b []byte
	for n := r.IntN(5); n > 0; n-- {
		b = append(b, jsonPieces[r.IntN(len(jsonPieces))]...)
	}
	return string(b)
}

func randStrings(r *rand.Rand) []string {
	switch r.IntN(3) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	var out []string
	for n := 1 + r.IntN(3); n > 0; n-- {
		out = append(out, randString(r))
	}
	return out
}

var jsonFloats = []float64{0, math.Copysign(0, -1), 1, 0.5, 0.857, 1.0 / 3, 1e-7, 1e-6, 123456789, 1e20, 1e21, 1e300, -2.5, 5e-324}

func randOutput(r *rand.Rand) *JSONOutput {
	o := &JSONOutput{Version: r.IntN(3), Tool: JSONTool{Name: randString(r), Version: randString(r)}}
	if r.IntN(2) == 0 {
		o.PathBase = randString(r)
	}
	if r.IntN(4) > 0 {
		o.Findings = []JSONFinding{}
	}
	for n := r.IntN(4); n > 0 && o.Findings != nil; n-- {
		f := JSONFinding{Rule: randString(r), Severity: randString(r), Message: randString(r), Path: randString(r),
			Line: r.IntN(3) - 1, Column: r.IntN(3), EndLine: r.IntN(2), EndColumn: r.IntN(1 << 20),
			Location: randString(r), Match: randString(r), Context: randString(r)}
		if r.IntN(2) == 0 {
			f.Fix = &JSONFix{Replacement: randString(r)}
		}
		if r.IntN(3) == 0 {
			f.Related = []JSONRelated{}
			for m := r.IntN(3); m > 0; m-- {
				f.Related = append(f.Related, JSONRelated{Path: randString(r), Line: r.IntN(2), Column: r.IntN(2),
					Location: randString(r), Match: randString(r)})
			}
		}
		o.Findings = append(o.Findings, f)
	}
	if r.IntN(4) > 0 {
		o.Assets = []JSONAsset{}
	}
	for n := r.IntN(3); n > 0 && o.Assets != nil; n-- {
		o.Assets = append(o.Assets, JSONAsset{Path: randString(r), Format: randString(r), Title: randString(r),
			Stage: randString(r), StageSource: randString(r), Confidence: jsonFloats[r.IntN(len(jsonFloats))],
			Evidence: randStrings(r), Team: randString(r), Audiences: randStrings(r), Objections: randStrings(r),
			Products: randStrings(r), Backend: randString(r)})
	}
	o.Summary = JSONSummary{Files: r.IntN(100), Skipped: r.IntN(2), Errors: r.IntN(2), Warnings: r.IntN(2), Infos: r.IntN(2)}
	return o
}

func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		o := randOutput(r)
		got, err := appendJSONOutput(nil, o)
		require.NoError(t, err)
		require.Equal(t, string(stdJSON(t, o)), string(got), "document %d", i)
	}
}

// TestJSONWriterParallelFindings: findings encoded in chunks on several
// cores give the bytes of one writer.
func TestJSONWriterParallelFindings(t *testing.T) {
	defer func(n, k int) { parallelFindings, findingsChunk = n, k }(parallelFindings, findingsChunk)
	parallelFindings, findingsChunk = 1, 2
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 500; i++ {
		o := randOutput(r)
		for n := r.IntN(12); n > 0 && o.Findings != nil; n-- {
			o.Findings = append(o.Findings, randOutput(r).Findings...)
		}
		got, err := appendJSONOutput(nil, o)
		require.NoError(t, err)
		require.Equal(t, string(stdJSON(t, o)), string(got), "document %d", i)
	}
}

func TestJSONWriterRejectsNonFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		b, err := appendJSONOutput(nil, &JSONOutput{Findings: []JSONFinding{{Rule: "r"}}, Assets: []JSONAsset{{Confidence: f}}})
		require.Error(t, err)
		require.Empty(t, b, "nothing is written for a document that cannot be encoded")
	}
}

// The same from a run's result: an asset's confidence is checked before
// anything is written, by JSON as by the document's encoder.
func TestJSONRejectsNonFiniteAsset(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		for _, a := range []*funnel.Asset{{Path: "a.md", Confidence: f}, {Path: "a.md", Confidence: 0.5, RunnerUpConfidence: f}} {
			res := &driver.Result{Findings: []lint.Finding{{Rule: "r", Site: lint.Site{Path: "a.md"}}},
				Analyses: withAssets([]*funnel.Asset{{Path: "0.md"}, a})}
			var b bytes.Buffer
			require.Error(t, JSON(&b, res, &Meta{ToolName: "msglint"}))
			require.Zero(t, b.Len(), "nothing is written")
		}
	}
	var b bytes.Buffer
	require.NoError(t, JSON(&b, &driver.Result{Analyses: withAssets([]*funnel.Asset{{Path: "a.md", Confidence: 0.5}})}, &Meta{ToolName: "msglint"}))
	require.Contains(t, b.String(), `"confidence": 0.5`)
}

// failWriter fails every write after the first ok ones.
type failWriter struct{ ok, n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n > w.ok {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestJSONWriterWriteError: a write error anywhere (in the findings, the
// assets or the summary) is returned, and every encoding goroutine ends
// (no deadlock).
func TestJSONWriterWriteError(t *testing.T) {
	defer func(n, k int) { parallelFindings, findingsChunk = n, k }(parallelFindings, findingsChunk)
	parallelFindings, findingsChunk = 1, 3
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	o := &JSONOutput{}
	for i := 0; i < 200; i++ {
		o.Findings = append(o.Findings, JSONFinding{Rule: "r", Path: "p", Line: i})
	}
	for i := 0; i < 100; i++ {
		o.Assets = append(o.Assets, JSONAsset{Path: "p", Format: "markdown", Confidence: 0.5})
	}
	before := runtime.NumGoroutine()
	// the head, 67 chunks of findings, the assets' head, 34 chunks, the summary
	const writes = 1 + 67 + 1 + 34 + 1
	for ok := 0; ok < writes; ok++ {
		err := writeJSONOutput(&failWriter{ok: ok}, o, outputElems(o))
		require.EqualError(t, err, "disk full", "failing write %d", ok)
	}
	require.NoError(t, writeJSONOutput(&failWriter{ok: writes}, o, outputElems(o)))
	// (polled here: require.Eventually runs its own goroutines)
	for wait := 0; runtime.NumGoroutine() > before && wait < 500; wait++ {
		time.Sleep(10 * time.Millisecond)
	}
	require.LessOrEqual(t, runtime.NumGoroutine(), before, "encoding goroutines left running")
}

func FuzzJSONWriter(f *testing.F) {
	for _, p := range jsonPieces {
		f.Add(p, 0.5)
	}
	f.Add("a\u2028b\"c\\d\x01", 1e-9)
	f.Fuzz(func(t *testing.T, s string, conf float64) {
		if math.IsNaN(conf) || math.IsInf(conf, 0) {
			return
		}
		o := &JSONOutput{Findings: []JSONFinding{{Rule: s, Message: s, Path: s, Context: s, Line: len(s),
			Related: []JSONRelated{{Path: s, Match: s}}}},
			Assets: []JSONAsset{{Path: s, Confidence: conf, Evidence: []string{s, s}}}}
		got, err := appendJSONOutput(nil, o)
		require.NoError(t, err)
		require.Equal(t, string(stdJSON(t, o)), string(got))
	})
}

func TestJSONWriterNewline(t *testing.T) {
	for depth := 0; depth < 40; depth++ {
		w := &jsonWriter{depth: depth}
		w.newline()
		require.Equal(t, "\n"+strings.Repeat("  ", depth), string(w.b), "depth %d", depth)
	}
}
