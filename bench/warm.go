package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// The -warm mode (make bench-warm): the content cache on the generated
// corpus, on a copy of it in a git repository: a cold run (--no-cache),
// a warm run over the unchanged corpus, a run with one file changed
// (cache on; changed again before each run), and `--changed-since HEAD`
// with that one file changed, with
// and without the cache; grep's floor beside them. Each row is the best
// of the runs, wall and CPU (user + system) time, interleaved.

type timing struct{ wall, cpu time.Duration }

func (t timing) better(u timing) bool { return t.wall == 0 || u.wall < t.wall }

func timed(dir string, name string, args ...string) timing {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = nil, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil && name != "grep" {
		fatal(fmt.Errorf("%s %v: %w", name, args, err))
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return timing{wall, cpu}
}

func warmBench(bin, corpusDir string, runs int) {
	work := corpusDir + "-warm"
	os.RemoveAll(work)
	if err := os.MkdirAll(work, 0o755); err != nil {
		fatal(err)
	}
	if out, err := exec.Command("cp", "-R", filepath.Join(corpusDir, "content"), filepath.Join(corpusDir, "msglint.yaml"),
		filepath.Join(corpusDir, "variants.txt"), work).CombinedOutput(); err != nil {
		fatal(fmt.Errorf("cp: %v: %s", err, out))
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=bench", "-c", "user.email=bench@example.com"}, args...)...)
		cmd.Dir = work
		if out, err := cmd.CombinedOutput(); err != nil {
			fatal(fmt.Errorf("git %v: %v: %s", args, err, out))
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-qm", "corpus")
	// the stat fast path trusts files not modified as a run starts
	time.Sleep(2500 * time.Millisecond)
	cacheDir := filepath.Join(work, ".cache")
	lint := func(extra ...string) []string {
		return append([]string{"check", "--format", "json", "-o", filepath.Join(work, "out.json"), "--fail-on", "never", "--progress", "never"}, extra...)
	}
	cold := lint("--no-cache", "content")
	warm := lint("--cache-dir", cacheDir, "content")
	timed(work, bin, warm...) // fills the cache
	timed(work, bin, warm...) // and the stat index
	var tCold, tWarm, tGrep timing
	for range runs {
		if t := timed(work, bin, cold...); tCold.better(t) {
			tCold = t
		}
		if t := timed(work, bin, warm...); tWarm.better(t) {
			tWarm = t
		}
		if t := timed(work, "grep", "-rcF", "-f", "variants.txt", "content"); tGrep.better(t) {
			tGrep = t
		}
	}
	// one file changed
	var first string
	filepath.Walk(filepath.Join(work, "content"), func(p string, fi os.FileInfo, err error) error {
		if err == nil && first == "" && !fi.IsDir() {
			first = p
		}
		return err
	})
	// a new change before each run: a run after the one that kept the
	// changed corpus's result would find it whole (the run cache)
	change := func(i int) {
		f, err := os.OpenFile(first, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			fatal(err)
		}
		fmt.Fprintf(f, "\nOne more sentence (%d), changed since the last commit.\n", i)
		f.Close()
	}
	change(0)
	changedCold := lint("--no-cache", "--changed-since", "HEAD", "content")
	changedWarm := lint("--cache-dir", cacheDir, "--changed-since", "HEAD", "content")
	var tOne, tChCold, tChWarm timing
	for i := range runs {
		change(i + 1)
		if t := timed(work, bin, warm...); tOne.better(t) {
			tOne = t
		}
		if t := timed(work, bin, changedCold...); tChCold.better(t) {
			tChCold = t
		}
		if t := timed(work, bin, changedWarm...); tChWarm.better(t) {
			tChWarm = t
		}
	}
	fmt.Printf("\n| run (%s) | wall | CPU (user+sys) | wall / grep |\n|---|---:|---:|---:|\n", filepath.Base(corpusDir))
	row := func(name string, t timing) {
		fmt.Printf("| %s | %.3f s | %.2f s | %.2fx |\n", name, t.wall.Seconds(), t.cpu.Seconds(), t.wall.Seconds()/tGrep.wall.Seconds())
	}
	row("cold (--no-cache)", tCold)
	row("warm, unchanged", tWarm)
	row("warm, one file changed", tOne)
	row("--changed-since HEAD, one file changed, --no-cache", tChCold)
	row("--changed-since HEAD, one file changed, cache", tChWarm)
	row("grep -rcF -f variants.txt", tGrep)
	os.RemoveAll(work)
}
