package engine

import (
	"runtime/debug"
	"testing"
)

func TestProfileRun(t *testing.T) {
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(200 << 20)
	p, err := Load("/tmp/msglint-bench/n10000-g1000-c0", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(Options{Paths: []string{"/tmp/msglint-bench/n10000-g1000-c0/content"}, Jobs: 2}); err != nil {
		t.Fatal(err)
	}
}
