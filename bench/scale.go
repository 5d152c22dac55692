package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/msglint/msglint/bench/gen"
)

// The -scale mode: how msglint's cost grows with the corpus. For each
// size it generates (or reuses) a corpus of that many files with one
// glossary, runs each binary on it with --format json (interleaved, best
// of -runs) and prints the wall time, the CPU time per file, the peak
// RSS and the peak live heap (the largest heap left after a garbage
// collection, from GODEBUG=gctrace=1) in all and per file.
//
//	go run ./bench -scale 1000,10000,100000 -g 1000 [-bin BIN] [-vs BIN]

// scaleRun is one measured run.
type scaleRun struct {
	wall, cpu time.Duration
	rss       int64 // KB
	live      int   // MB, the largest heap a collection left
	gcs       int
}

// gcLine matches gctrace's "A->B->C MB" (heap at start, at end, live).
var gcLine = regexp.MustCompile(`(\d+)->(\d+)->(\d+) MB`)

func runScale(sizes string, G int, work string, runs int, bins []string) {
	fmt.Printf("machine: %s\n\n", cpuModel())
	fmt.Println("| files | binary | wall | CPU | CPU per file | CPU per file vs first size | peak RSS | peak live heap | live heap per file | GC cycles |")
	fmt.Println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	first := make([]float64, len(bins))
	for si, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fatal(fmt.Errorf("-scale: bad size %q", s))
		}
		dir := filepath.Join(work, fmt.Sprintf("n%d-g%d-c0", n, G))
		if _, err := corpus(dir, gen.Options{Files: n, Terms: G, Rate: 0.15, Seed: 42}); err != nil {
			fatal(err)
		}
		best := make([]scaleRun, len(bins))
		for r := 0; r < runs; r++ {
			for bi, bin := range bins { // interleaved: the machine's noise hits every binary alike
				m := measure(bin, dir)
				b := &best[bi]
				if r == 0 {
					*b = m
					continue
				}
				b.wall, b.cpu = min(b.wall, m.wall), min(b.cpu, m.cpu)
				b.rss, b.live, b.gcs = min(b.rss, m.rss), min(b.live, m.live), min(b.gcs, m.gcs)
			}
		}
		for bi, bin := range bins {
			b := &best[bi]
			perFile := b.cpu.Seconds() * 1000 / float64(n)
			if si == 0 {
				first[bi] = perFile
			}
			fmt.Printf("| %d | %s | %.2f s | %.2f s | %.3f ms | %.2fx | %d MB | %d MB | %.1f KB | %d |\n",
				n, filepath.Base(filepath.Dir(bin))+"/"+filepath.Base(bin), b.wall.Seconds(), b.cpu.Seconds(), perFile,
				perFile/first[bi], b.rss/1024, b.live, float64(b.live)*1024/float64(n), b.gcs)
		}
	}
}

// measure runs bin once over dir's content with the bench's flags: a
// first run, the content cache on (the default) in a folder of its own, so
// that every run is cold whatever ran before.
func measure(bin, dir string) scaleRun {
	cacheDir, err := os.MkdirTemp("", "msglint-scale-cache-")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(cacheDir)
	cmd := exec.Command(bin, "check", "--format", "json", "-o", filepath.Join(dir, "out.json"), "--fail-on", "never", "--progress", "never", "content")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GODEBUG=gctrace=1", "MSGLINT_CACHE_DIR="+cacheDir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fatal(fmt.Errorf("%s: %w\n%s", bin, err, lastLines(stderr.String(), 5)))
	}
	m := scaleRun{wall: time.Since(start)}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	m.rss = ru.Maxrss
	for _, l := range strings.Split(stderr.String(), "\n") {
		if !strings.HasPrefix(l, "gc ") {
			continue
		}
		if sm := gcLine.FindStringSubmatch(l); sm != nil {
			m.gcs++
			if live, _ := strconv.Atoi(sm[3]); live > m.live {
				m.live = live
			}
		}
	}
	return m
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}
