package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 over stdio with the base protocol's Content-Length framing.
// Only what the server uses is here (docs/editors.md says why it is not a
// library).

// maxMessage bounds one message's body: a larger one is read past and
// dropped, so the stream stays in step.
const maxMessage = 64 << 20

// JSON-RPC error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	codeNotInitialized = -32002
)

// message is any incoming message: a request (ID and Method), a
// notification (Method only) or a response to one of the server's
// requests (ID, and Result or Error; see client.go).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   rpcError        `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// errTooLarge is a message over maxMessage (read past and dropped).
var errTooLarge = errors.New("message too large")

// readMessage reads one framed message body. io.EOF means the stream
// ended between messages.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		// ReadSlice: a header line is bounded by the reader's buffer
		raw, err := r.ReadSlice('\n')
		if err != nil {
			if err == io.EOF && len(raw) == 0 && length < 0 {
				return nil, io.EOF
			}
			if err == bufio.ErrBufferFull {
				return nil, fmt.Errorf("header line too long")
			}
			return nil, fmt.Errorf("reading header: %w", err)
		}
		line := strings.TrimRight(string(raw), "\r\n")
		if line == "" {
			if length < 0 {
				continue // stray blank line between messages
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("malformed header %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			return nil, err
		}
		return nil, errTooLarge
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

// writer writes framed messages, one at a time.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (w *writer) write(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		body, _ = json.Marshal(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"),
			Error: rpcError{Code: codeInternalError, Message: "encoding a reply: " + err.Error()}})
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return
	}
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		w.err = err
		return
	}
	if _, err := w.w.Write(body); err != nil {
		w.err = err
	}
}
