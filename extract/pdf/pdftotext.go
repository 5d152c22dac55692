package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/msglint/msglint/extract/internal/shared"
)

// pdftotext runs poppler's pdftotext on a temporary copy of the file,
// killed at ctx's deadline (timeout).
func pdftotext(ctx context.Context, src []byte, timeout time.Duration) ([]pdfPage, error) {
	f, err := os.CreateTemp("", "msglint-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(src); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, shared.Unreadable("pdftotext took longer than %v (limit; raise it with limits.pdf_timeout, in seconds, in the config)", timeout)
		}
		return nil, shared.Unreadable("pdftotext failed: %v %s", err, strings.TrimSpace(stderr.String()))
	}
	parts := strings.Split(out.String(), "\f")
	if len(parts) > 0 && strings.TrimSpace(parts[len(parts)-1]) == "" {
		parts = parts[:len(parts)-1]
	}
	pages := make([]pdfPage, len(parts))
	for i, p := range parts {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		pages[i].lines = lines
	}
	return pages, nil
}
