// The client's settings: the config file and the minimum severity, from
// initializationOptions, workspace/configuration (section "msglint") and
// workspace/didChangeConfiguration.

package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/msglint/msglint/lint"
)

// settings are the server's settings (section "msglint" of the client's).
type settings struct {
	// ConfigPath is the config file (as `msglint check --config`): absolute,
	// or relative to the workspace folder. "": found from each document.
	ConfigPath string `json:"configPath"`
	// MinSeverity is the least severe finding published ("info",
	// "warning", "error"; "": info).
	MinSeverity string `json:"minSeverity"`
}

// parseSettings reads settings given as the section itself or as an
// object holding it under "msglint"; ok is false when v holds neither.
func parseSettings(v json.RawMessage) (st settings, ok bool) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || v[0] != '{' {
		return st, false
	}
	var wrapped struct {
		Msglint json.RawMessage `json:"msglint"`
	}
	if json.Unmarshal(v, &wrapped) == nil && len(wrapped.Msglint) > 0 && wrapped.Msglint[0] == '{' {
		v = wrapped.Msglint
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(v, &raw) != nil || raw["configPath"] == nil && raw["minSeverity"] == nil {
		return st, false
	}
	// a wrong type is a setting left unset (the default), not an error
	_ = json.Unmarshal(raw["configPath"], &st.ConfigPath)
	_ = json.Unmarshal(raw["minSeverity"], &st.MinSeverity)
	return st, true
}

// applySettings takes new settings; a change lints every document again
// (and rebuilds the index when the config file changed).
func (s *Server) applySettings(st settings) {
	sev := lint.Off
	if st.MinSeverity != "" {
		v, err := lint.ParseSeverity(st.MinSeverity)
		if err != nil || v == lint.Off {
			s.showMessage(2, fmt.Sprintf("msglint: minSeverity %q is not info, warning or error; using info", st.MinSeverity))
		} else {
			sev = v
		}
	}
	s.mu.Lock()
	if st.ConfigPath != "" && !filepath.IsAbs(st.ConfigPath) && s.root != "" {
		st.ConfigPath = filepath.Join(s.root, st.ConfigPath)
	}
	same := s.settings == st
	s.settings, s.minSeverity = st, sev
	s.mu.Unlock()
	if !same {
		s.configChanged()
	}
}

// pullSettings asks the client for the "msglint" section (on another
// goroutine than Serve's: it waits for the reply).
func (s *Server) pullSettings() {
	s.mu.Lock()
	ok, root := s.caps.Workspace.Configuration, s.root
	s.mu.Unlock()
	if !ok {
		return
	}
	item := map[string]string{"section": "msglint"}
	if root != "" {
		item["scopeUri"] = pathToURI(root)
	}
	res, err := s.call("workspace/configuration", map[string]any{"items": []any{item}})
	if err != nil {
		fmt.Fprintf(s.opt.Log, "msglint lsp: %v\n", err)
		return
	}
	var list []json.RawMessage
	if json.Unmarshal(res, &list) != nil || len(list) == 0 {
		return
	}
	st, _ := parseSettings(list[0]) // null or {}: the defaults
	s.applySettings(st)
}

// didChangeConfiguration takes pushed settings, or pulls them when the
// notification holds none (the pull model).
func (s *Server) didChangeConfiguration(params json.RawMessage) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	_ = json.Unmarshal(params, &p)
	if st, ok := parseSettings(p.Settings); ok {
		s.applySettings(st)
		return
	}
	s.goBackground(s.pullSettings)
}

func (s *Server) showMessage(typ int, msg string) {
	s.out.write(notification{JSONRPC: "2.0", Method: "window/showMessage",
		Params: map[string]any{"type": typ, "message": msg}})
}

// goBackground runs f on its own goroutine; stop waits for it.
func (s *Server) goBackground(f func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
}
