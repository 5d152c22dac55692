package pdf

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// Bounds asserted on every hostile PDF. They are generous guards (against
// a hang or a runaway allocation), not performance targets.
const (
	hostileHeapBound = 256 << 20
	hostileTimeBound = 20 * time.Second
)

// peakHeap samples the live heap (runtime/metrics) while fn runs and
// returns its peak above the heap at the start. fn runs in its own
// goroutine; a call that outlives hostileTimeBound fails the test instead
// of blocking it.
func peakHeap(t *testing.T, fn func()) uint64 {
	t.Helper()
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	stop := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	go func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			if h := read(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(hostileTimeBound):
		close(stop)
		t.Fatalf("still running after %v", hostileTimeBound)
	}
	close(stop)
	if h := read(); h > peak.Load() {
		peak.Store(h)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// assertNoGoroutineLeft checks that the goroutines are back to n (the
// sampler of peakHeap may take a moment to exit).
func assertNoGoroutineLeft(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < 100 && runtime.NumGoroutine() > n; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), n, "a goroutine was left running")
}

// TestPDFHostile: every reproducer of issue 16 gives its finding, with
// bounded memory, and leaves no goroutine behind.
func TestPDFHostile(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	for _, h := range hostilePDFs {
		t.Run(h.name, func(t *testing.T) {
			src := h.gen()
			goroutines := runtime.NumGoroutine()
			var err error
			start := time.Now()
			heap := peakHeap(t, func() { _, err = Extract("x.pdf", src, nil) })
			t.Logf("%d bytes: %v, peak heap %d KB: %v", len(src), time.Since(start), heap>>10, err)
			extracttest.RequireInputError(t, err, h.rule, h.want)
			assert.Less(t, heap, uint64(hostileHeapBound))
			assertNoGoroutineLeft(t, goroutines)
		})
	}
}

// TestPDFInflateTotal: the per-file cap on inflated bytes holds across
// streams that are each under the per-stream cap.
func TestPDFInflateTotal(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	g := newPDFGen()
	g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	g.obj(3, "<< /Type /Page /Parent 2 0 R /Contents [4 0 R 4 0 R 4 0 R 4 0 R] >>")
	g.stream(4, "/Filter /FlateDecode", pdfBomb("\x00", 8))
	src := g.xrefTable(5, "0 5", "/Root 1 0 R")
	lim := shared.Limits{MaxPDFStreamBytes: 10 << 20, MaxPDFInflateBytes: 20 << 20}
	_, err := Extract("x.pdf", src, &shared.Options{Limits: lim})
	extracttest.RequireInputError(t, err, content.RuleTooLarge, "limits.max_pdf_inflate_bytes")

	lim.MaxPDFInflateBytes = 40 << 20 // 4 x 8 MB fit
	doc, err := Extract("x.pdf", src, &shared.Options{Limits: lim})
	require.NoError(t, err)
	assert.Empty(t, doc.Blocks)
}

// TestPDFDeadline: with the work budget out of the way, the wall-clock
// deadline stops the reader inside its loops, in the caller's goroutine.
func TestPDFDeadline(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	var src []byte
	for _, h := range hostilePDFs {
		if h.name == "inflate-bomb-ops" {
			src = h.gen()
		}
	}
	require.NotNil(t, src)
	lim := shared.Limits{MaxPDFStreamBytes: 1 << 40, MaxPDFInflateBytes: 1 << 40, MaxPDFWork: 1 << 50, PDFTimeout: 100 * time.Millisecond}
	goroutines := runtime.NumGoroutine()
	start := time.Now()
	var err error
	peakHeap(t, func() { _, err = Extract("x.pdf", src, &shared.Options{Limits: lim}) })
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "took longer than 100ms")
	assert.Less(t, time.Since(start), 10*time.Second)
	assertNoGoroutineLeft(t, goroutines)
}

// TestPDFReaderCancel: a cancelled context stops the reader.
func TestPDFReaderCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := pdfOpen(ctx, extracttest.Fixture(t, "pages.pdf"), pdfLimitsOf(nil))
	require.ErrorIs(t, err, context.Canceled)
	_, err = Extract("x.pdf", extracttest.Fixture(t, "pages.pdf"), nil)
	require.NoError(t, err)
}

// TestPDFLimitsDefaults: zero PDF bounds take the defaults, set ones win.
func TestPDFLimitsDefaults(t *testing.T) {
	l := pdfLimitsOf(&shared.Options{Limits: shared.Limits{MaxPDFPages: 3}})
	assert.Equal(t, 3, l.MaxPDFPages)
	assert.Equal(t, shared.DefaultLimits.MaxPDFObjects, l.MaxPDFObjects)
	assert.Equal(t, shared.DefaultLimits.PDFTimeout, l.PDFTimeout)
	assert.Equal(t, shared.DefaultLimits, pdfLimitsOf(nil))
	assert.Equal(t, int64(2_000_000), pdfWork(shared.DefaultLimits, 10))
	assert.Equal(t, int64(6_000_000), pdfWork(shared.DefaultLimits, 2<<20+1))
}

// TestPDFPageLimit: a PDF over MaxPDFPages is too large, naming the limit.
func TestPDFPageLimit(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	_, err := Extract("x.pdf", extracttest.Fixture(t, "pages.pdf"), &shared.Options{Limits: shared.Limits{MaxPDFPages: 1}})
	extracttest.RequireInputError(t, err, content.RuleTooLarge, "PDF has 2 pages (limit 1; raise it with limits.max_pdf_pages")
}

// TestPDFLongError: an error quoting a huge object is clipped.
func TestPDFLongError(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	g := newPDFGen()
	at := g.b.Len()
	g.b.WriteString("1 0 obj\n[" + strings.Repeat("1 ", 100000) + "]\nendobj\n")
	fmt.Fprintf(&g.b, "startxref\n%d\n%%%%EOF\n", at)
	_, err := Extract("x.pdf", g.b.Bytes(), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "cross-reference table not found")
	assert.Less(t, len(err.Error()), 400)
	assert.True(t, strings.HasSuffix(err.Error(), "…"), err.Error())
}

// TestPDFObjectStream: objects in an object stream are read, and the
// stream is inflated once, not once per object.
func TestPDFObjectStream(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	objs := []struct {
		n    int
		body string
	}{
		{1, "<< /Type /Catalog /Pages 2 0 R >>"},
		{2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"},
		{5, pdfGenFont},
	}
	var head, body strings.Builder
	for _, o := range objs {
		fmt.Fprintf(&head, "%d %d ", o.n, body.Len())
		body.WriteString(o.body + "\n")
	}
	data := head.String() + body.String()
	g := newPDFGen()
	g.stream(4, "", []byte(pdfGenText))
	g.stream(7, fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode", len(objs), head.Len()), pdfDeflate([]byte(data)))
	e := g.offsets()
	for i, o := range objs {
		e[o.n] = pdfXrefEntry{2, 7, i}
	}
	src := g.xrefStream(9, e, 10, "/Root 1 0 R")

	doc, err := Extract("x.pdf", src, nil)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, "Hello from a page", doc.Blocks[0].Text)

	r, err := pdfOpen(context.Background(), src, pdfLimitsOf(nil))
	require.NoError(t, err)
	_, err = pdfGoText(r, pdfLimitsOf(nil))
	require.NoError(t, err)
	_, inflated := r.Work()
	assert.Equal(t, int64(len(data)), inflated)
}
