// The workspace index: the facts the cross-asset rules (naming/inconsistent,
// consistency/claim-conflict) export for every file of a config's corpus,
// computed once in the background ($/progress) and kept, so that a
// keystroke lints its buffer against the whole corpus without reading it
// (project.Options.Facts). A refresh re-lists the corpus and reads again
// only the files whose size or modification time changed; it runs when a
// document is opened or saved, when the client reports changed files, and
// from scratch when the config or the settings change.

package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
)

// index is one config's workspace index.
type index struct {
	key string // the config file
	cp  *cachedProject
	// facts and stamps are replaced by a refresh, never changed: a lint
	// reads a snapshot without the lock. facts is nil until the first
	// build ends.
	facts  map[string]lint.Exports
	stamps map[string]stamp
	// running: a goroutine is building it; again: refresh once more after.
	running, again bool
	// dirty are files the client reported changed (absolute paths): read
	// again whatever their stamp says.
	dirty map[string]bool
}

type stamp struct {
	mtime time.Time
	size  int64
}

// indexBatch is how many files are read between two progress reports
// (and two checks that the server is not stopping).
const indexBatch = 32

// progressMin is how many files a refresh reads before it shows progress
// (the first build always does).
const progressMin = 50

// indexFacts returns the facts of cp's corpus for a lint: nil while the
// index is first built (the lint then reads the corpus itself, as
// `msglint check FILE` does), or with no config file (no corpus). The
// first call for a config starts its index.
func (s *Server) indexFacts(cp *cachedProject) map[string]lint.Exports {
	if cp.path == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.indexes[cp.path]
	if ix == nil || !ix.cp.mtime.Equal(cp.mtime) {
		ix = &index{key: cp.path, cp: cp}
		s.indexes[cp.path] = ix
		s.refreshLocked(ix)
	}
	return ix.facts
}

// refreshIndexes refreshes every index (files changed on disk); changed
// are files the client reported changed, read again in any case.
func (s *Server) refreshIndexes(changed ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ix := range s.indexes {
		for _, path := range changed {
			if ix.dirty == nil {
				ix.dirty = map[string]bool{}
			}
			ix.dirty[path] = true
		}
		s.refreshLocked(ix)
	}
}

// refreshLocked starts a refresh of ix, or asks the running one to go again.
func (s *Server) refreshLocked(ix *index) {
	if ix.running {
		ix.again = true
		return
	}
	if s.stopping() {
		return
	}
	ix.running = true
	s.wg.Add(1)
	go s.buildIndex(ix)
}

func (s *Server) buildIndex(ix *index) {
	defer s.wg.Done()
	for {
		changed := s.refreshIndex(ix)
		s.mu.Lock()
		current := s.indexes[ix.key] == ix
		again := ix.again && current
		ix.again, ix.running = false, again
		if changed && current && !s.stopping() {
			// the other documents' cross-asset findings may change
			for _, d := range s.docs {
				if !isConfigName(d.path) {
					s.scheduleLocked(d, s.opt.Debounce)
				}
			}
		}
		s.mu.Unlock()
		if !again {
			return
		}
	}
}

// refreshIndex brings ix up to date with the files on disk and reports
// whether any file's facts changed (a file added, changed or removed) since
// the last build; the first build reports false (the lints before it read
// the same files).
func (s *Server) refreshIndex(ix *index) (changed bool) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(s.opt.Log, "msglint lsp: panic indexing %s: %v\n", ix.key, v)
			changed = false
		}
	}()
	p := ix.cp.p
	files, err := p.Corpus()
	if err != nil || files == nil {
		if err != nil {
			fmt.Fprintf(s.opt.Log, "msglint lsp: indexing %s: %v\n", p.Config.Dir, err)
		}
		return false
	}
	s.mu.Lock()
	oldFacts, oldStamps, dirty := ix.facts, ix.stamps, ix.dirty
	ix.dirty = nil
	s.mu.Unlock()
	first := oldFacts == nil
	facts := make(map[string]lint.Exports, len(files.Inputs))
	stamps := make(map[string]stamp, len(files.Inputs))
	todo := files.Inputs[:0:0] // the files to read (a new array)
	for _, in := range files.Inputs {
		var st stamp
		abs := filepath.Join(p.Config.Dir, filepath.FromSlash(in.Path))
		if fi, err := os.Stat(abs); err == nil {
			st = stamp{fi.ModTime(), fi.Size()}
		}
		stamps[in.Path] = st
		if ex, ok := oldFacts[in.Path]; ok && oldStamps[in.Path] == st && !dirty[abs] {
			facts[in.Path] = ex
			continue
		}
		todo = append(todo, in)
	}
	changed = !first && (len(todo) > 0 || len(stamps) != len(oldStamps))
	var prog *progress
	if first || len(todo) >= progressMin {
		prog = s.beginProgress("msglint: indexing", fmt.Sprintf("%d files", len(todo)))
	}
	jobs := max(1, runtime.NumCPU()-1) // a core left for the keystrokes' lints
	for lo := 0; lo < len(todo); lo += indexBatch {
		if s.indexGone(ix) {
			if prog != nil {
				prog.end("stopped")
			}
			return false
		}
		hi := min(lo+indexBatch, len(todo))
		got, err := p.ContextFacts(todo[lo:hi], project.Options{Jobs: jobs})
		if err != nil {
			fmt.Fprintf(s.opt.Log, "msglint lsp: indexing %s: %v\n", p.Config.Dir, err)
			if prog != nil {
				prog.end("failed")
			}
			return false
		}
		for path, ex := range got {
			facts[path] = ex
		}
		if prog != nil {
			prog.report(hi, len(todo))
		}
	}
	for _, in := range todo {
		if _, ok := facts[in.Path]; !ok {
			facts[in.Path] = lint.Exports{} // no cross-asset rule enabled
		}
	}
	s.mu.Lock()
	ix.facts, ix.stamps = facts, stamps
	s.mu.Unlock()
	if prog != nil {
		prog.end(fmt.Sprintf("%d files indexed", len(facts)))
	}
	return changed
}

// indexGone reports whether ix is no longer wanted: the server is stopping,
// or the config or the settings changed (configChanged dropped it).
func (s *Server) indexGone(ix *index) bool {
	if s.stopping() {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.indexes[ix.key] != ix
}

func (s *Server) stopping() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}
