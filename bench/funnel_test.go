package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCachegrindCounts(t *testing.T) {
	out := `desc: I1 cache: 32768 B, 64 B, 8-way associative
cmd: msglint check --no-cache .
events: Ir
fl=/work/main/rules/funnel/words.go
fn=github.com/msglint/msglint/rules/funnel.(*featureSet).addSingles
10 100
11 50
fi=/usr/local/go/src/runtime/mbitmap.go
12 7
fe=/work/main/rules/funnel/words.go
13 3
fl=/usr/local/go/src/runtime/mgcmark.go
fn=runtime.scanobject
5 1000
fl=/usr/local/go/src/runtime/asm_amd64.s
fn=gcWriteBarrier
1 20
fn=runtime.memmove
2 40
summary: 1220
`
	path := filepath.Join(t.TempDir(), "cg.out")
	require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	total, gc, byFunc, err := cachegrindCounts(path)
	require.NoError(t, err)
	require.Equal(t, int64(1220), total)
	require.Equal(t, int64(7+1000+20), gc)
	require.Equal(t, map[string]int64{"github.com/msglint/msglint/rules/funnel.(*featureSet).addSingles": 160,
		"runtime.scanobject": 1000, "gcWriteBarrier": 20, "runtime.memmove": 40}, byFunc)
}

func TestTopAdded(t *testing.T) {
	off := map[string]int64{"a": 10, "b": 5, "c": 7}
	on := map[string]int64{"a": 30, "b": 4, "c": 27, "d": 3}
	require.Equal(t, []funcDelta{{"a", 20}, {"c", 20}, {"d", 3}}, topAdded(off, on, 5))
	require.Equal(t, []funcDelta{{"a", 20}}, topAdded(off, on, 1))
}

func TestTimingStats(t *testing.T) {
	s := timingStats([]timing{{wall: 3, cpu: 30}, {wall: 1, cpu: 50}, {wall: 2, cpu: 10}})
	require.Equal(t, [4]int64{10, 30, 1, 2}, [4]int64{int64(s[0]), int64(s[1]), int64(s[2]), int64(s[3])})
}
