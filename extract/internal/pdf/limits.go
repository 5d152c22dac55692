// Limits, work budget and cancellation: msglint's additions to the fork
// (issue 16). The upstream reader trusted its input; this one
//
//   - checks every size the file declares (xref subsection ranges, xref
//     stream /Size and /W, predictor /Columns, filter chains) before
//     allocating from it;
//   - caps the bytes inflated per stream and per file, counted while
//     inflating (a stream's /Length says nothing about its output);
//   - caps the elements of one array or dictionary and the operand stack of
//     Interpret;
//   - detects cycles: /Prev chains, object streams that live in each other,
//     /Extends chains, page trees and /Parent chains;
//   - counts work (tokens lexed, buffers refilled, objects resolved, KB
//     inflated) against a budget and checks the context inside those loops,
//     so that nothing runs on after the caller's deadline;
//   - walks the page tree once (Pages) instead of once per page, and
//     decodes an object stream once instead of once per object in it.
//
// A limit or cycle is sticky: once the budget has failed, every later step
// fails with the same error, whatever recover() sits in between, and
// Reader.Err reports it.

package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Limits bound what a Reader does with one file. A zero field means the
// default in DefaultLimits.
type Limits struct {
	MaxObjects      int64 // cross-reference entries (object numbers)
	MaxStreamBytes  int64 // decompressed bytes of one stream
	MaxInflateBytes int64 // decompressed bytes of all streams of the file
	MaxWork         int64 // work units (about 100 ns each): tokens, objects resolved, 64 bytes scanned, KB inflated
}

// DefaultLimits are used for zero fields of Limits.
var DefaultLimits = Limits{
	MaxObjects:      1_000_000,
	MaxStreamBytes:  32 << 20,
	MaxInflateBytes: 128 << 20,
	MaxWork:         2_000_000,
}

// Structural bounds: no real file comes near them, so they are not
// configurable; going over one makes the file malformed.
const (
	maxResolveDepth  = 64      // nested resolves (object streams inside object streams)
	maxExtends       = 64      // object-stream /Extends hops
	maxPageTreeDepth = 256     // /Pages nesting, and /Parent hops
	maxArrayLen      = 1 << 20 // elements of one array
	maxDictLen       = 1 << 16 // keys of one dictionary
	maxStack         = 1 << 17 // Interpret's operand stack
	maxFilters       = 8       // filters of one stream
	maxPredictorRow  = 1 << 20 // bytes of one PNG predictor row (/Columns)
	maxXrefWidth     = 8       // bytes of one field of an xref stream row
	ctxCheckEvery    = 1 << 12 // work units between context checks
	maxCachedObjStm  = 4 << 20 // decoded bytes of an object stream kept for the next object
)

// A LimitError reports a limit of Limits that the file goes over. Limit
// names the Limits field.
type LimitError struct {
	Limit string // "MaxObjects", "MaxStreamBytes", "MaxInflateBytes" or "MaxWork"
	Value int64  // the limit
	Msg   string // what went over it
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s (limit %s = %d)", e.Msg, e.Limit, e.Value)
}

// A MalformedError reports a structure no valid file has: a cycle, or a
// declared size that the file cannot hold.
type MalformedError struct{ Msg string }

func (e *MalformedError) Error() string { return "malformed PDF: " + e.Msg }

func malformed(format string, a ...any) error {
	return &MalformedError{fmt.Sprintf(format, a...)}
}

// budget is shared by a Reader and every Value and buffer made from it.
type budget struct {
	ctx      context.Context
	lim      Limits
	work     int64
	next     int64 // work at which to check ctx next
	inflated int64
	err      error // sticky
}

func newBudget(ctx context.Context, lim Limits) *budget {
	if ctx == nil {
		ctx = context.Background()
	}
	d := DefaultLimits
	if lim.MaxObjects <= 0 {
		lim.MaxObjects = d.MaxObjects
	}
	if lim.MaxStreamBytes <= 0 {
		lim.MaxStreamBytes = d.MaxStreamBytes
	}
	if lim.MaxInflateBytes <= 0 {
		lim.MaxInflateBytes = d.MaxInflateBytes
	}
	if lim.MaxWork <= 0 {
		lim.MaxWork = d.MaxWork
	}
	return &budget{ctx: ctx, lim: lim}
}

// fail records err (the first error wins) and panics with the recorded one.
func (b *budget) fail(err error) {
	if b.err == nil {
		b.err = err
	}
	panic(b.err)
}

// step counts n units of work; it panics when the budget or the context is
// done, and on every call after that.
func (b *budget) step(n int64) {
	if b == nil {
		return
	}
	if b.err != nil {
		panic(b.err)
	}
	b.work += n
	if b.work > b.lim.MaxWork {
		b.fail(&LimitError{Limit: "MaxWork", Value: b.lim.MaxWork, Msg: "reading the file takes more work than the limit (a cycle, or pathological structure?)"})
	}
	if b.work >= b.next {
		b.next = b.work + ctxCheckEvery
		if err := b.ctx.Err(); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				err = &LimitError{Limit: "deadline", Msg: "reading the PDF took longer than its deadline"}
			}
			b.fail(err)
		}
	}
}

// inflate counts n decompressed bytes of one stream, whose total is now
// streamTotal.
func (b *budget) inflate(n int, streamTotal int64) {
	if b == nil {
		return
	}
	b.inflated += int64(n)
	if streamTotal > b.lim.MaxStreamBytes {
		b.fail(&LimitError{Limit: "MaxStreamBytes", Value: b.lim.MaxStreamBytes, Msg: "a stream inflates to more bytes than the limit"})
	}
	if b.inflated > b.lim.MaxInflateBytes {
		b.fail(&LimitError{Limit: "MaxInflateBytes", Value: b.lim.MaxInflateBytes, Msg: "the file's streams inflate to more bytes in all than the limit"})
	}
	b.step(int64(n>>10) + 1)
}

// countReader counts the bytes a decoding filter produces. It panics (via
// budget) when a limit is passed, so no caller can loop on its error.
type countReader struct {
	r     io.Reader
	b     *budget
	total int64
}

func (c *countReader) Read(p []byte) (int, error) {
	if c.b != nil && c.b.err != nil {
		panic(c.b.err)
	}
	n, err := c.r.Read(p)
	c.total += int64(n)
	c.b.inflate(n, c.total)
	return n, err
}

// Err reports the limit, cycle or cancellation that stopped the reader, or
// nil. Callers that recover from panics while reading must check it: a
// failed Reader fails every later call.
func (r *Reader) Err() error {
	if r == nil || r.bud == nil {
		return nil
	}
	return r.bud.err
}

// Fail stops reading v's file with err: Err reports it from now on, and
// this call and every later step panic with it. For checks made outside
// the package (a ToUnicode map too big, say).
func (v Value) Fail(err error) {
	if v.r == nil || v.r.bud == nil {
		panic(err)
	}
	v.r.bud.fail(err)
}

// Step counts n units of work against v's file's budget (see Reader.Err).
func (v Value) Step(n int64) {
	if v.r != nil {
		v.r.bud.step(n)
	}
}

// Work reports the work units and inflated bytes used so far.
func (r *Reader) Work() (work, inflated int64) {
	return r.bud.work, r.bud.inflated
}

// checkObjects checks a declared range of object numbers, start..start+n,
// against MaxObjects before anything is allocated from it.
func (r *Reader) checkObjects(start, n int64, what string) error {
	if start < 0 || n < 0 {
		return malformed("%s %d %d is negative", what, start, n)
	}
	if max := r.bud.lim.MaxObjects; start > max || n > max-start {
		return &LimitError{Limit: "MaxObjects", Value: max, Msg: fmt.Sprintf("%s declares objects up to %d", what, uint64(start)+uint64(n))}
	}
	return nil
}

// wrapMalformedf words a parse error with format, and leaves limit and
// malformed errors (already worded) as they are.
func wrapMalformedf(format string, err error) error {
	var le *LimitError
	var me *MalformedError
	if errors.As(err, &le) || errors.As(err, &me) {
		return err
	}
	return fmt.Errorf(format, err)
}

// ID returns the number and generation of the indirect object v is, or is
// inside (0, 0 for a value not read from the file). Values with the same
// ID and the same path from that object are the same value.
func (v Value) ID() (uint32, uint16) {
	return v.ptr.id, v.ptr.gen
}
