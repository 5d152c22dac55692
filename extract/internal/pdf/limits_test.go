package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catch runs fn and returns what it panicked with.
func catch(fn func()) (x any) {
	defer func() { x = recover() }()
	fn()
	return nil
}

func TestBudgetStepSticky(t *testing.T) {
	b := newBudget(context.Background(), Limits{MaxWork: 10})
	assert.Nil(t, catch(func() { b.step(10) }))
	x := catch(func() { b.step(1) })
	var le *LimitError
	require.ErrorAs(t, x.(error), &le)
	assert.Equal(t, "MaxWork", le.Limit)
	// every later step fails the same way, even after a recover
	assert.Equal(t, x, catch(func() { b.step(0) }))
	assert.Equal(t, x, catch(func() { b.inflate(1, 1) }))
}

func TestBudgetContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := newBudget(ctx, Limits{})
	assert.Nil(t, catch(func() { b.step(1) }))
	cancel()
	// checked every ctxCheckEvery units
	x := catch(func() {
		for i := 0; i <= ctxCheckEvery; i++ {
			b.step(1)
		}
	})
	require.NotNil(t, x)
	assert.ErrorIs(t, x.(error), context.Canceled)
}

func TestBudgetDefaults(t *testing.T) {
	assert.Equal(t, DefaultLimits, newBudget(nil, Limits{}).lim)
	assert.Equal(t, int64(5), newBudget(nil, Limits{MaxObjects: 5}).lim.MaxObjects)
}

func TestCountReader(t *testing.T) {
	b := newBudget(context.Background(), Limits{MaxStreamBytes: 100, MaxInflateBytes: 150})
	r := &countReader{r: bytes.NewReader(make([]byte, 80)), b: b}
	_, err := io.ReadAll(r)
	require.NoError(t, err)
	// a second stream of 80: under the stream cap, over the file's
	x := catch(func() { _, _ = io.ReadAll(&countReader{r: bytes.NewReader(make([]byte, 80)), b: b}) })
	var le *LimitError
	require.ErrorAs(t, x.(error), &le)
	assert.Equal(t, "MaxInflateBytes", le.Limit)

	b = newBudget(context.Background(), Limits{MaxStreamBytes: 100})
	x = catch(func() { _, _ = io.ReadAll(&countReader{r: bytes.NewReader(make([]byte, 101)), b: b}) })
	require.ErrorAs(t, x.(error), &le)
	assert.Equal(t, "MaxStreamBytes", le.Limit)
}

func TestCheckObjects(t *testing.T) {
	r := &Reader{bud: newBudget(context.Background(), Limits{MaxObjects: 100})}
	assert.NoError(t, r.checkObjects(0, 100, "x"))
	assert.NoError(t, r.checkObjects(50, 50, "x"))
	var le *LimitError
	require.ErrorAs(t, r.checkObjects(50, 51, "x"), &le)
	require.ErrorAs(t, r.checkObjects(1<<62, 1<<62, "x"), &le) // no overflow
	var me *MalformedError
	require.ErrorAs(t, r.checkObjects(-1, 5, "x"), &me)
}

func TestStackCap(t *testing.T) {
	b := newBudget(context.Background(), Limits{})
	stk := Stack{bud: b}
	x := catch(func() {
		for i := 0; i <= maxStack; i++ {
			stk.Push(Value{})
		}
	})
	var me *MalformedError
	require.ErrorAs(t, x.(error), &me)
	assert.Equal(t, me, b.err)
}

func TestLexerCaps(t *testing.T) {
	b := newBuffer(strings.NewReader("["+strings.Repeat("1 ", maxArrayLen+1)+"]"), 0, nil)
	x := catch(func() { b.readObject() })
	require.NotNil(t, x)
	assert.Contains(t, x.(error).Error(), "array of more than")
}

func TestWrapMalformedf(t *testing.T) {
	le := &LimitError{Limit: "MaxObjects"}
	assert.Same(t, le, wrapMalformedf("x: %v", le).(*LimitError))
	assert.Equal(t, "x: boom", wrapMalformedf("x: %v", errors.New("boom")).Error())
}
