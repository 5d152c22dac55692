package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress is the `files n/N` line on stderr (--progress): redrawn
// in place with '\r', at most about ten times a second, cleared at the end.
// With --progress auto it appears only when stderr is a terminal, the run
// is not in CI, and the run has lasted more than a second. It never writes
// to stdout and never uses colour.
type progress struct {
	w     io.Writer
	delay time.Duration // nothing is drawn before this much time has passed
	now   func() time.Time

	mu    sync.Mutex
	start time.Time
	last  time.Time
	width int // length of the line on screen, 0 = nothing drawn
}

const progressEvery = 100 * time.Millisecond

// newProgress returns the progress line for the --progress mode, or nil
// when there is none to show.
func (a *App) newProgress(mode string) *progress {
	now := a.Now
	if now == nil {
		now = time.Now
	}
	p := &progress{w: a.errRaw(), now: now, start: now()}
	switch mode {
	case "always":
		return p
	case "auto":
		if a.IsTerminal == nil || !a.IsTerminal(a.errRaw()) || a.Getenv("CI") != "" || a.Getenv("TERM") == "dumb" {
			return nil
		}
		p.delay = time.Second
		return p
	}
	return nil
}

// update is the driver.Options.Progress callback (called from workers).
func (p *progress) update(done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < p.delay || (t.Sub(p.last) < progressEvery && done < total) {
		return
	}
	p.last = t
	line := fmt.Sprintf("files %d/%d", done, total)
	if total > 0 {
		const n = 20
		fill := done * n / total
		line = "[" + strings.Repeat("=", fill) + strings.Repeat(" ", n-fill) + "] " + line
	}
	pad := ""
	if len(line) < p.width {
		pad = strings.Repeat(" ", p.width-len(line))
	}
	fmt.Fprint(p.w, "\r"+line+pad)
	p.width = len(line)
}

// finish clears the line, if one was drawn.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
		p.width = 0
	}
}

// callback returns the function to give project.Options.Progress (nil when
// there is no progress line).
func (p *progress) callback() func(done, total int) {
	if p == nil {
		return nil
	}
	return p.update
}
