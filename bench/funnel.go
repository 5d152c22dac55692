package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The -funnel mode (make bench-funnel): what the funnel tagger adds to a
// run. It builds msglint three times from this tree: with `-tags
// nofunnel` (no tagging, no asset records, no coverage/gap or
// funnel/unknown), with `-tags handsetfunnel` (the tagger as it was
// before the learned model: its hand-set phrases scanned over every
// block, no model, no path conventions, no in-repo learning) and as it
// ships. It runs `check --no-cache --format json` with each on the same
// folder, interleaved (each round starting with the next build), -runs
// rounds: best and median CPU (user + system) and wall time, and what the
// funnel adds to each, against no funnel and against the hand-set
// tagger. With -instructions and valgrind on the PATH, it also counts
// each build's instructions once (cachegrind, GOMAXPROCS=1: free of the
// machine's noise), apart for the collector and scheduler, whose share
// moves from run to run.
//
// The folder is the generated corpus (-n, the first size of -g), or
// -corpus DIR: real content, such as ../shared/corpora copied a few times
// into one folder. The generated corpus has no folder the path
// conventions know, so in-repo learning never runs on it.

func funnelBench(work, corpusDir, target string, runs int, instructions bool) {
	builds := []struct{ name, out, tags string }{
		{"without the funnel", filepath.Join(work, "msglint-nofunnel"), "nofunnel"},
		{"the hand-set tagger (before the learned model)", filepath.Join(work, "msglint-handset"), "handsetfunnel"},
		{"with the funnel", filepath.Join(work, "msglint-funnel"), ""},
	}
	for _, b := range builds {
		cmd := exec.Command("go", "build", "-tags", b.tags, "-o", b.out, "./cmd/msglint")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fatal(err)
		}
	}
	files := countFiles(filepath.Join(corpusDir, target))
	fmt.Printf("`msglint check --no-cache --format json %s` in %s (%d files), %d interleaved rounds\n\n", target, corpusDir, files, runs)
	args := []string{"check", "--no-cache", "--format", "json", "--fail-on", "never", "--progress", "never", target} // the report to /dev/null (timed)
	ts := make([][]timing, len(builds))
	for r := range runs {
		// each round starts with the next build: no build always runs
		// right after the same other one
		for k := range builds {
			i := (r + k) % len(builds)
			ts[i] = append(ts[i], timed(corpusDir, builds[i].out, args...))
		}
	}
	fmt.Println("| build | CPU best | CPU median | wall best | wall median |")
	fmt.Println("|---|---:|---:|---:|---:|")
	var st [3][4]time.Duration
	for i, b := range builds {
		st[i] = timingStats(ts[i])
		fmt.Printf("| %s | %.2f s | %.2f s | %.2f s | %.2f s |\n", b.name, st[i][0].Seconds(), st[i][1].Seconds(), st[i][2].Seconds(), st[i][3].Seconds())
	}
	added := func(name string, a, b [4]time.Duration) {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", name, pct(a[0], b[0]), pct(a[1], b[1]), pct(a[2], b[2]), pct(a[3], b[3]))
	}
	added("the funnel, against none", st[0], st[2])
	added("the learned model, conventions and in-repo learning, against the hand-set tagger", st[1], st[2])
	// the machine's speed drifts from minute to minute: the builds of one
	// round ran within seconds of each other, so each round's ratio is
	// less noisy than a ratio of bests or medians taken over all rounds
	fmt.Println("\nCPU, the median of the rounds' ratios (the builds of a round run back to back):")
	fmt.Printf("the funnel against none %s; the learned model against the hand-set tagger %s\n",
		pairedMedian(ts[0], ts[2]), pairedMedian(ts[1], ts[2]))
	if !instructions {
		return
	}
	if _, err := exec.LookPath("valgrind"); err != nil {
		fmt.Println("\nvalgrind is not on the PATH: no instruction counts")
		return
	}
	fmt.Println("\n| build | instructions | outside the collector and scheduler |")
	fmt.Println("|---|---:|---:|")
	var totals [3][2]int64
	var byFunc [3]map[string]int64
	for i, b := range builds {
		out := filepath.Join(work, fmt.Sprintf("cachegrind.%d.out", i))
		cmd := exec.Command("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file="+out, b.out)
		cmd.Args = append(cmd.Args, args...)
		cmd.Dir = corpusDir
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			fatal(fmt.Errorf("valgrind: %v: %s", err, out))
		}
		total, gc, fns, err := cachegrindCounts(out)
		if err != nil {
			fatal(err)
		}
		totals[i], byFunc[i] = [2]int64{total, total - gc}, fns
		fmt.Printf("| %s | %.2f G | %.2f G |\n", b.name, float64(total)/1e9, float64(total-gc)/1e9)
	}
	grew := func(name string, a, b [2]int64) {
		fmt.Printf("| %s | %+.1f%% | %+.1f%% |\n", name, 100*float64(b[0]-a[0])/float64(a[0]), 100*float64(b[1]-a[1])/float64(a[1]))
	}
	grew("the funnel, against none", totals[0], totals[2])
	grew("the learned model, conventions and in-repo learning, against the hand-set tagger", totals[1], totals[2])
	fmt.Print("\nWhere the funnel's instructions are, against none (by function; inlined code counts where it was inlined):\n\n")
	fmt.Println("| function | added |")
	fmt.Println("|---|---:|")
	for _, d := range topAdded(byFunc[0], byFunc[2], 15) {
		fmt.Printf("| `%s` | %+.3f G |\n", strings.TrimPrefix(d.name, "github.com/msglint/msglint/"), float64(d.n)/1e9)
	}
}

type funcDelta struct {
	name string
	n    int64
}

// topAdded lists the k functions whose counts grew the most from off to
// on, largest first (ties by name).
func topAdded(off, on map[string]int64, k int) []funcDelta {
	var ds []funcDelta
	for name, n := range on {
		if d := n - off[name]; d > 0 {
			ds = append(ds, funcDelta{name, d})
		}
	}
	slices.SortFunc(ds, func(a, b funcDelta) int {
		if a.n != b.n {
			if a.n > b.n {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return ds[:min(k, len(ds))]
}

// timingStats is the best and median CPU, then the best and median wall.
func timingStats(ts []timing) [4]time.Duration {
	var cpu, wall []time.Duration
	for _, t := range ts {
		cpu, wall = append(cpu, t.cpu), append(wall, t.wall)
	}
	slices.Sort(cpu)
	slices.Sort(wall)
	return [4]time.Duration{cpu[0], cpu[len(cpu)/2], wall[0], wall[len(wall)/2]}
}

// pairedMedian is the median over the rounds of b's CPU time against
// a's in the same round, as a percentage added.
func pairedMedian(a, b []timing) string {
	var r []float64
	for i := range min(len(a), len(b)) {
		r = append(r, b[i].cpu.Seconds()/a[i].cpu.Seconds())
	}
	if len(r) == 0 {
		return "–"
	}
	slices.Sort(r)
	m := r[len(r)/2]
	if len(r)%2 == 0 {
		m = (r[len(r)/2-1] + r[len(r)/2]) / 2
	}
	return fmt.Sprintf("%+.1f%%", 100*(m-1))
}

func pct(base, x time.Duration) string {
	return fmt.Sprintf("%+.1f%%", 100*(x.Seconds()-base.Seconds())/base.Seconds())
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// collectorFile matches the source files of the Go runtime's collector,
// allocator bitmaps and scheduler: their share of a run moves from run to
// run (the collector's workers are scheduled by time).
var collectorFile = regexp.MustCompile(`runtime/(mgc|mwbbuf|mbitmap|mheap|mspanset|mpallocbits|mcentral|mcache|mfinal|lock_spinbit|proc)`)

// cachegrindCounts reads a cachegrind output file (events: Ir): every
// instruction counted, those in the collector's and scheduler's code
// (collectorFile, and the write barrier), and the count of each function.
func cachegrindCounts(path string) (total, gc int64, byFunc map[string]int64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	byFunc = map[string]int64{}
	inGC, file, fn := false, "", ""
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "fl="), strings.HasPrefix(line, "fi="), strings.HasPrefix(line, "fe="):
			file = line[3:]
			inGC = collectorFile.MatchString(file)
		case strings.HasPrefix(line, "fn="):
			fn = line[3:]
			inGC = collectorFile.MatchString(file) || strings.Contains(fn, "gcWriteBarrier")
		case line != "" && line[0] >= '0' && line[0] <= '9':
			_, count, ok := strings.Cut(line, " ")
			if !ok {
				continue
			}
			n, err := strconv.ParseInt(count, 10, 64)
			if err != nil {
				continue
			}
			total += n
			byFunc[fn] += n
			if inGC {
				gc += n
			}
		}
	}
	return total, gc, byFunc, sc.Err()
}
