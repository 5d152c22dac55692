package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func frame(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// TestLSPCommand runs `msglint lsp` through the command line: initialize,
// shutdown and exit give exit code 0; exit without shutdown gives 1.
func TestLSPCommand(t *testing.T) {
	for _, tc := range []struct {
		msgs []string
		code int
	}{
		{[]string{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
			`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`}, 0},
		{[]string{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`, `{"jsonrpc":"2.0","method":"exit"}`}, 1},
	} {
		var out, errb bytes.Buffer
		a := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(frame(tc.msgs...)), Cwd: t.TempDir(), Now: time.Now,
			Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }}
		if code := a.Run([]string{"lsp", "--stdio"}); code != tc.code {
			t.Errorf("exit code %d, want %d; stderr: %s", code, tc.code, errb.String())
		}
		if !strings.Contains(out.String(), `"id":1,"result":{"capabilities"`) {
			t.Errorf("no initialize reply: %s", out.String())
		}
	}
}
