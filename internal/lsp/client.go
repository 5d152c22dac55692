// The server's requests to the client (window/workDoneProgress/create,
// workspace/configuration) and the $/progress notifications.

package lsp

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// clientCaps are the client capabilities the server uses.
type clientCaps struct {
	Window struct {
		WorkDoneProgress bool `json:"workDoneProgress"`
	} `json:"window"`
	Workspace struct {
		Configuration bool `json:"configuration"`
	} `json:"workspace"`
}

type outRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int    `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// requestTimeout bounds the wait for a client's reply (a client that
// never answers does not hold a goroutine forever).
const requestTimeout = 10 * time.Second

// call sends a request to the client and waits for its result. It must
// not be called from the goroutine reading the client's messages (Serve):
// the reply would never be read.
func (s *Server) call(method string, params any) (json.RawMessage, error) {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	ch := make(chan message, 1)
	s.pending[id] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.pending, id)
		s.mu.Unlock()
	}()
	s.out.write(outRequest{JSONRPC: "2.0", ID: id, Method: method, Params: params})
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		return m.Result, nil
	case <-s.quit:
		return nil, fmt.Errorf("%s: the server is stopping", method)
	case <-time.After(requestTimeout):
		return nil, fmt.Errorf("%s: no reply from the client", method)
	}
}

// deliver hands a response to the call waiting for it (none: dropped).
func (s *Server) deliver(m message) {
	id, err := strconv.Atoi(string(m.ID))
	if err != nil {
		return
	}
	s.mu.Lock()
	ch := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if ch != nil {
		ch <- m
	}
}

// progress is one $/progress sequence (begin, report..., end); a no-op
// when the client does not support work-done progress or refused the
// token.
type progress struct {
	s     *Server
	token string
	last  int // the last percentage reported
}

type progressParams struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

type workDoneBegin struct {
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	Message     string `json:"message,omitempty"`
	Percentage  int    `json:"percentage"`
	Cancellable bool   `json:"cancellable"`
}

type workDoneReport struct {
	Kind       string `json:"kind"`
	Message    string `json:"message,omitempty"`
	Percentage int    `json:"percentage"`
}

type workDoneEnd struct {
	Kind    string `json:"kind"`
	Message string `json:"message,omitempty"`
}

// beginProgress creates a progress token with the client and sends begin.
func (s *Server) beginProgress(title, msg string) *progress {
	s.mu.Lock()
	ok := s.caps.Window.WorkDoneProgress
	s.nextToken++
	token := fmt.Sprintf("msglint-%d", s.nextToken)
	s.mu.Unlock()
	if !ok {
		return &progress{}
	}
	if _, err := s.call("window/workDoneProgress/create", map[string]string{"token": token}); err != nil {
		fmt.Fprintf(s.opt.Log, "msglint lsp: %v\n", err)
		return &progress{}
	}
	p := &progress{s: s, token: token}
	s.out.write(notification{JSONRPC: "2.0", Method: "$/progress",
		Params: progressParams{Token: token, Value: workDoneBegin{Kind: "begin", Title: title, Message: msg}}})
	return p
}

// report sends done of total (at most once per percent).
func (p *progress) report(done, total int) {
	if p.s == nil || total <= 0 {
		return
	}
	pct := done * 100 / total
	if pct <= p.last {
		return
	}
	p.last = pct
	p.s.out.write(notification{JSONRPC: "2.0", Method: "$/progress",
		Params: progressParams{Token: p.token, Value: workDoneReport{Kind: "report", Percentage: pct,
			Message: fmt.Sprintf("%d/%d files", done, total)}}})
}

func (p *progress) end(msg string) {
	if p.s == nil {
		return
	}
	p.s.out.write(notification{JSONRPC: "2.0", Method: "$/progress",
		Params: progressParams{Token: p.token, Value: workDoneEnd{Kind: "end", Message: msg}}})
}
