package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func progressApp(term bool, env map[string]string) (*App, *bytes.Buffer, *bytes.Buffer, *fakeClock) {
	var out, errb bytes.Buffer
	c := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	a := &App{Stdout: &out, Stderr: &errb, Now: c.now,
		Getenv:     func(k string) string { return env[k] },
		IsTerminal: func(w io.Writer) bool { return term && w == io.Writer(&errb) }}
	return a, &out, &errb, c
}

func TestProgressAlways(t *testing.T) {
	a, out, errb, c := progressApp(false, nil)
	p := a.newProgress("always")
	require.NotNil(t, p)
	p.update(1, 40)
	c.t = c.t.Add(10 * time.Millisecond)
	p.update(2, 40) // throttled
	c.t = c.t.Add(200 * time.Millisecond)
	p.update(20, 40)
	p.update(40, 40) // the last one is always drawn
	p.finish()
	s := errb.String()
	require.Empty(t, out.String(), "never on stdout")
	require.Equal(t, 3, strings.Count(s, "files "), s)
	require.Contains(t, s, "\r[==========          ] files 20/40")
	require.Contains(t, s, "files 40/40")
	require.NotContains(t, s, "files 2/40")
	require.NotContains(t, s, "\x1b", "no colours")
	require.True(t, strings.HasSuffix(s, "\r"+strings.Repeat(" ", len("[====================] files 40/40"))+"\r"), "cleared at the end: %q", s)
}

func TestProgressAuto(t *testing.T) {
	// not a terminal: nothing
	a, _, _, _ := progressApp(false, nil)
	require.Nil(t, a.newProgress("auto"))
	// in CI: nothing unless asked
	a, _, _, _ = progressApp(true, map[string]string{"CI": "true"})
	require.Nil(t, a.newProgress("auto"))
	require.NotNil(t, a.newProgress("always"))
	// never
	a, _, _, _ = progressApp(true, nil)
	require.Nil(t, a.newProgress("never"))

	// a terminal: only after a second of work
	a, _, errb, c := progressApp(true, nil)
	p := a.newProgress("auto")
	require.NotNil(t, p)
	p.update(1, 10)
	c.t = c.t.Add(500 * time.Millisecond)
	p.update(2, 10)
	require.Empty(t, errb.String(), "short runs show nothing")
	c.t = c.t.Add(600 * time.Millisecond)
	p.update(3, 10)
	require.Contains(t, errb.String(), "files 3/10")
	p.finish()

	// a nil progress is a no-op
	var none *progress
	none.update(1, 2)
	none.finish()
	require.Nil(t, none.callback())
}
