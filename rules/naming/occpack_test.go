package naming

import (
	"math"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/stretchr/testify/assert"
)

// TestPackOccs: occurrences come back from their packed form as they went
// in, whatever their values (office locations' -1, the largest counts and
// offsets, fields going down as well as up).
func TestPackOccs(t *testing.T) {
	for _, tc := range []struct {
		name string
		occs []occurrence
	}{
		{name: "none"},
		{name: "text", occs: []occurrence{
			{form: 3, bits: 1 | occExact, line: 1, col: 5, srcStart: 4, srcEnd: 11},
			{form: 0, bits: 7 | occInitial, line: 9, col: 1, srcStart: 200, srcEnd: 207},
			{form: 3, bits: 1, line: 9, col: 30, srcStart: 229, srcEnd: 240},
		}},
		{name: "office", occs: []occurrence{
			{form: 1, bits: 1, line: 1, srcStart: -1, srcEnd: 1},
			{form: 2, bits: occTimes | occInitial | occExact, line: 1, srcStart: -1, srcEnd: 2},
		}},
		{name: "extremes", occs: []occurrence{
			{form: math.MaxInt32, bits: math.MaxUint32, line: math.MaxInt32, col: math.MaxInt32, srcStart: math.MaxInt32, srcEnd: math.MinInt32},
			{form: 0, bits: 0, line: math.MinInt32, col: 0, srcStart: math.MinInt32, srcEnd: math.MaxInt32},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &lint.Env{Spill: lint.NewMemorySpill()}
			f := &nameFact{Packed: lint.Keep(env, packOccs(nil, tc.occs)), N: len(tc.occs)}
			var got []occurrence
			var buf []byte
			for i, o := range f.occs(&buf) {
				assert.Equal(t, len(got), i)
				got = append(got, o)
			}
			assert.Equal(t, tc.occs, got)
		})
	}
}
