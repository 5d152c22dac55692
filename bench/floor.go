package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// parseFloor times reading every file under dir and parsing it with
// goldmark (the extensions msglint enables, no rendering, nothing else) on
// every core: the least any goldmark-based checker can spend on the corpus.
func parseFloor(dir string) (time.Duration, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	// The msglint command's garbage-collector settings (its limit rises
	// above 200 MiB only for a live heap over 100 MiB, which parsing alone
	// never holds).
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(200 << 20)
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote)).Parser()
	start := time.Now()
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				b, err := os.ReadFile(p)
				if err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
					continue
				}
				md.Parse(text.NewReader(b))
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return time.Since(start), first
}
