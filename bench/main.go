// Command bench measures msglint on a generated corpus against a grep
// floor, and checks every finding against the generator's answer key.
//
//	go run ./bench -n 10000 -g 10,100,1000
//	go run ./bench -scale 1000,10000,100000 -g 1000   (scale.go)
//
// It prints one Markdown table row per glossary size: files/s, MB/s, peak
// RSS, the ratio to `grep -rcF -f variants.txt`, and the answer-key check.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/msglint/msglint/bench/gen"
)

type finding struct {
	Rule   string `json:"rule"`
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Match  string `json:"match"`
}

type output struct {
	Findings []finding `json:"findings"`
}

func main() {
	n := flag.Int("n", 10000, "files")
	gs := flag.String("g", "10,100,1000", "glossary sizes, comma-separated")
	claims := flag.Int("claims", 0, "registered claims in the config")
	work := flag.String("dir", filepath.Join(os.TempDir(), "msglint-bench"), "work folder (corpora are cached here)")
	runs := flag.Int("runs", 3, "timed runs per size (the best is reported)")
	floor := flag.String("floor", "", "internal: time goldmark alone over this folder and print the seconds")
	warm := flag.Bool("warm", false, "time the content cache instead (bench/warm.go): cold, warm, one file changed, --changed-since, on the first glossary size")
	scale := flag.String("scale", "", "scale mode: corpus sizes, comma-separated (CPU per file, peak RSS and live heap per size; the first size of -g)")
	binFlag := flag.String("bin", "", "with -scale: the msglint binary to measure (default: built from this tree)")
	vs := flag.String("vs", "", "with -scale: a second msglint binary, run interleaved with the first")
	funnel := flag.Bool("funnel", false, "time what the funnel tagger adds (bench/funnel.go): builds without it, with the hand-set tagger of before the learned model and as it ships, interleaved, on the generated corpus (-n, the first size of -g) or -corpus")
	corpusFlag := flag.String("corpus", "", "with -funnel: a folder of content to check instead of the generated corpus")
	instructions := flag.Bool("instructions", false, "with -funnel: also count instructions with valgrind's cachegrind (about 50 times slower)")
	flag.Parse()
	if *floor != "" {
		d, err := parseFloor(*floor)
		if err != nil {
			fatal(err)
		}
		fmt.Println(d.Seconds())
		return
	}

	bin := filepath.Join(*work, "msglint")
	if err := os.MkdirAll(*work, 0o755); err != nil {
		fatal(err)
	}
	if *funnel {
		fmt.Printf("machine: %d cores (%s/%s), %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, cpuModel())
		dir, target := *corpusFlag, "."
		if dir == "" {
			G, err := strconv.Atoi(strings.TrimSpace(strings.Split(*gs, ",")[0]))
			if err != nil {
				fatal(err)
			}
			dir, target = filepath.Join(*work, fmt.Sprintf("n%d-g%d-c%d", *n, G, *claims)), "content"
			if _, err := corpus(dir, gen.Options{Files: *n, Terms: G, Claims: *claims, Rate: 0.15, Seed: 42}); err != nil {
				fatal(err)
			}
		} else {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				fatal(fmt.Errorf("-corpus %s: not a folder", dir))
			}
			if abs, err := filepath.Abs(dir); err == nil {
				dir = abs
			}
		}
		funnelBench(*work, dir, target, *runs, *instructions)
		return
	}
	build := exec.Command("go", "build", "-o", bin, "./cmd/msglint")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fatal(err)
	}
	if *scale != "" {
		bins := []string{bin}
		if *binFlag != "" {
			bins[0] = *binFlag
		}
		if *vs != "" {
			bins = append(bins, *vs)
		}
		G, err := strconv.Atoi(strings.TrimSpace(strings.Split(*gs, ",")[0]))
		if err != nil {
			fatal(err)
		}
		fmt.Printf("%d cores (%s/%s)\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
		runScale(*scale, G, *work, *runs, bins)
		return
	}
	fmt.Printf("machine: %d cores (%s/%s), %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, cpuModel())
	if *warm {
		G, err := strconv.Atoi(strings.TrimSpace(strings.Split(*gs, ",")[0]))
		if err != nil {
			fatal(err)
		}
		dir := filepath.Join(*work, fmt.Sprintf("n%d-g%d-c%d", *n, G, *claims))
		if _, err := corpus(dir, gen.Options{Files: *n, Terms: G, Claims: *claims, Rate: 0.15, Seed: 42}); err != nil {
			fatal(err)
		}
		warmBench(bin, dir, *runs)
		return
	}
	fmt.Println("| files | terms | claims | MB | msglint wall | files/s | MB/s | peak RSS | grep wall | ratio to grep | goldmark parse only | msglint / goldmark | variants found | false positives |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	ok := true
	for _, g := range strings.Split(*gs, ",") {
		G, err := strconv.Atoi(strings.TrimSpace(g))
		if err != nil {
			fatal(err)
		}
		dir := filepath.Join(*work, fmt.Sprintf("n%d-g%d-c%d", *n, G, *claims))
		key, err := corpus(dir, gen.Options{Files: *n, Terms: G, Claims: *claims, Rate: 0.15, Seed: 42})
		if err != nil {
			fatal(err)
		}
		var best time.Duration
		var rss int64
		var out output
		for i := 0; i < *runs; i++ {
			d, r, o := runMsglint(bin, dir)
			if i == 0 || d < best {
				best = d
			}
			if r > rss {
				rss = r
			}
			out = o
		}
		var grepBest time.Duration
		for i := 0; i < *runs; i++ {
			d := runGrep(dir)
			if i == 0 || d < grepBest {
				grepBest = d
			}
		}
		var parseBest time.Duration
		for i := 0; i < *runs; i++ {
			d, err := runFloor(filepath.Join(dir, "content"))
			if err != nil {
				fatal(err)
			}
			if i == 0 || d < parseBest {
				parseBest = d
			}
		}
		found, fp := check(key, &out)
		if found != len(key.Prose) || fp != 0 {
			ok = false
		}
		mb := float64(key.Bytes) / 1e6
		fmt.Printf("| %d | %d | %d | %.1f | %.2f s | %.0f | %.1f | %d MB | %.2f s | %.2fx | %.2f s (%.1fx grep) | %.2fx | %d/%d | %d |\n",
			*n, G, *claims, mb, best.Seconds(), float64(*n)/best.Seconds(), mb/best.Seconds(), rss/1024,
			grepBest.Seconds(), best.Seconds()/grepBest.Seconds(), parseBest.Seconds(), parseBest.Seconds()/grepBest.Seconds(), best.Seconds()/parseBest.Seconds(),
			found, len(key.Prose), fp)
	}
	if !ok {
		fmt.Fprintln(os.Stderr, "bench: answer-key check FAILED")
		os.Exit(1)
	}
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if _, v, ok := strings.Cut(l, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return "unknown CPU"
}

func corpus(dir string, o gen.Options) (*gen.Key, error) {
	kp := filepath.Join(dir, "answers.json")
	if b, err := os.ReadFile(kp); err == nil {
		var k gen.Key
		if json.Unmarshal(b, &k) == nil {
			return &k, nil
		}
	}
	os.RemoveAll(dir)
	fmt.Fprintf(os.Stderr, "generating %s...\n", dir)
	return gen.Write(dir, o)
}

func runMsglint(bin, dir string) (time.Duration, int64, output) {
	outFile := filepath.Join(dir, "out.json")
	cmd := exec.Command(bin, "check", "--no-cache", "--format", "json", "-o", outFile, "--fail-on", "never", "--progress", "never", "content")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fatal(fmt.Errorf("msglint: %w", err))
	}
	d := time.Since(start)
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
	var out output
	b, err := os.ReadFile(outFile)
	if err != nil {
		fatal(err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		fatal(err)
	}
	return d, rss, out
}

// runFloor runs parseFloor in a fresh process (this one holds the answer
// key and msglint's output, which would slow its garbage collector).
func runFloor(dir string) (time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	out, err := exec.Command(exe, "-floor", dir).Output()
	if err != nil {
		return 0, fmt.Errorf("parse floor: %w", err)
	}
	sec, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		return 0, fmt.Errorf("parse floor: %w", err)
	}
	return time.Duration(sec * float64(time.Second)), nil
}

func runGrep(dir string) time.Duration {
	cmd := exec.Command("grep", "-rcF", "-f", "variants.txt", "content")
	cmd.Dir = dir
	start := time.Now()
	_ = cmd.Run() // exit 1 when nothing matched in some file is fine
	return time.Since(start)
}

// check counts planted prose variants reported as naming/variant, and
// naming findings that are not in the answer key (false positives: e.g.
// variants in code or URLs).
func check(key *gen.Key, out *output) (found, fp int) {
	want := map[string]bool{}
	for _, p := range key.Prose {
		want[fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Column)] = true
	}
	seen := map[string]bool{}
	for _, f := range out.Findings {
		if !strings.HasPrefix(f.Rule, "naming/") {
			continue
		}
		k := fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
		if f.Rule == "naming/variant" && want[k] && !seen[k] {
			seen[k] = true
			found++
			continue
		}
		fp++
		if fp <= 5 {
			fmt.Fprintf(os.Stderr, "unexpected: %s %s %q\n", k, f.Rule, f.Match)
		}
	}
	return found, fp
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(2)
}
