// Document synchronisation: open, change, save, close, and the debounce.

package lsp

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/project"
)

func (s *Server) didOpen(p didOpenParams) *rpcError {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return invalidParams(err)
	}
	if known, _ := project.FileKind(path); !known {
		return nil // not a kind of file msglint reads
	}
	d := &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, textKind: isTextKind(path)}
	s.mu.Lock()
	if old := s.docs[d.uri]; old != nil {
		s.cancelLocked(old)
	}
	s.docs[d.uri] = d
	s.mu.Unlock()
	s.setText(d, p.TextDocument.Text, p.TextDocument.Version, 0)
	s.refreshIndexes() // files may have changed on disk while none was open
	return nil
}

func (s *Server) didChange(p didChangeParams) *rpcError {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	if !d.textKind {
		return nil // office and PDF are linted from disk on save
	}
	s.mu.Lock()
	text := d.text
	s.mu.Unlock()
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = c.Text
			continue
		}
		a, b := PositionToByte(text, c.Range.Start), PositionToByte(text, c.Range.End)
		if b < a {
			return invalidParams(errors.New("change range ends before it starts"))
		}
		text = text[:a] + c.Text + text[b:]
	}
	s.setText(d, text, p.TextDocument.Version, s.opt.Debounce)
	if isConfigName(d.path) {
		s.configChanged()
	}
	return nil
}

func (s *Server) didSave(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	path, err := uriToPath(uri)
	if err == nil && isConfigName(path) {
		s.configChanged()
		return
	}
	// the saved file is now what the other documents' cross-asset rules
	// see: the index reads it again, then lints them again (index.go);
	// with no index, they read it from disk: lint them all again now
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.docs {
		if o == d {
			s.scheduleLocked(o, 0)
		} else if len(s.indexes) == 0 {
			s.scheduleLocked(o, s.opt.Debounce)
		}
	}
	for _, ix := range s.indexes {
		s.refreshLocked(ix)
	}
}

// filesChanged handles files changed, created or deleted outside the
// editor: a config file (or a file no content extractor reads, such as a
// glossary the config pulls in) reloads the config, content refreshes the
// index (which lints the documents again when facts changed).
func (s *Server) filesChanged(p didChangeWatchedFilesParams) {
	var content []string
	for _, c := range p.Changes {
		path, err := uriToPath(c.URI)
		if err != nil {
			continue
		}
		if known, _ := project.FileKind(path); !known || isConfigName(path) {
			s.configChanged()
			return
		}
		content = append(content, path)
	}
	if len(content) > 0 {
		s.refreshIndexes(content...)
	}
}

// indexWorkspace starts the index of the workspace folder's config (when
// it has one) before any document is opened.
func (s *Server) indexWorkspace() {
	s.mu.Lock()
	root := s.root
	s.mu.Unlock()
	if root == "" {
		return
	}
	// the config as a document at the root of the workspace would find it
	if cp, err := s.project(filepath.Join(root, "index")); err == nil {
		s.indexFacts(cp)
	}
}

func (s *Server) didClose(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	if d != nil {
		s.cancelLocked(d)
		delete(s.docs, uri)
	}
	s.mu.Unlock()
	if d != nil {
		s.publish(uri, nil, nil)
	}
}

// configChanged drops the cached configs and lints every open document
// again (a config file was changed or saved).
func (s *Server) configChanged() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.projects)
	clear(s.indexes) // a running build finds its index gone and stops
	for _, d := range s.docs {
		if !isConfigName(d.path) {
			s.scheduleLocked(d, s.opt.Debounce)
		}
	}
}

func isConfigName(path string) bool {
	return slices.Contains(config.ConfigNames, filepath.Base(path))
}

// setText stores a document's new text (refused when over the config's
// limits.max_file_size, with a diagnostic) and schedules its lint.
func (s *Server) setText(d *document, text string, version int, delay time.Duration) {
	if d.textKind {
		if cp, _ := s.project(d.path); cp != nil {
			if limit := project.Limits(cp.p.Config).MaxFileSize; int64(len(text)) > limit {
				s.mu.Lock()
				s.cancelLocked(d)
				d.text, d.version, d.lintedOK, d.findings = "", version, false, nil
				s.mu.Unlock()
				s.publish(d.uri, &version, []diagnostic{{Range: Range{}, Severity: 2, Source: "msglint", Code: "input/too-large",
					Message: fmt.Sprintf("this buffer is %d bytes, over the %d-byte limit (limits.max_file_size in %s); not linted",
						len(text), limit, cp.configName())}})
				return
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.textKind {
		d.text = text
	}
	d.version = version
	if isConfigName(d.path) {
		return // a config file is not content; its errors come from the documents' lints
	}
	s.scheduleLocked(d, delay)
}

func (cp *cachedProject) configName() string {
	if cp.path == "" {
		return "the default config"
	}
	return filepath.Base(cp.path)
}

// cancelLocked stops a document's pending lint and drops a running one's result.
func (s *Server) cancelLocked(d *document) {
	if d.timer != nil && d.timer.Stop() {
		s.wg.Done()
	}
	d.timer = nil
	d.gen++
}

// scheduleLocked lints d after delay (negative or zero: at once, on another goroutine).
func (s *Server) scheduleLocked(d *document, delay time.Duration) {
	s.cancelLocked(d)
	gen := d.gen
	s.wg.Add(1)
	d.timer = time.AfterFunc(max(delay, 0), func() {
		defer s.wg.Done()
		s.lintDoc(d, gen)
	})
}
