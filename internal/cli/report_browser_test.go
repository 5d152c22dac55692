package cli

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// chromium finds a headless-capable Chromium (MSGLINT_CHROMIUM, else
// chromium, chromium-browser, google-chrome on PATH).
func chromium() string {
	if p := os.Getenv("MSGLINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// dumpDOM loads a page in headless Chromium with JavaScript on and
// returns the DOM after its scripts ran, and what the browser logged.
func dumpDOM(t *testing.T, bin, page, fragment string) (dom, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	u := (&url.URL{Scheme: "file", Path: page, Fragment: fragment}).String()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--dump-dom", u)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "chromium: %s", errb.String())
	return out.String(), errb.String()
}

// The page in a real browser: the script runs under the page's CSP,
// honours the filters in the URL's fragment and lists the matching rows.
// `go test` skips it without Chromium; .ci/run installs it when it can.
func TestReportHTMLInBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("chromium not found (install the chromium package, or set MSGLINT_CHROMIUM): browser test skipped")
	}
	acme, err := filepath.Abs(filepath.Join("..", "..", "examples", "acme"))
	require.NoError(t, err)
	page := filepath.Join(t.TempDir(), "report.html")
	var errb bytes.Buffer
	a := &App{Stdout: io.Discard, Stderr: &errb, Cwd: acme, Now: time.Now, Getenv: func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return false }}
	require.Equal(t, 0, a.Run([]string{"report", "--today", "2026-12-01", "-f", "html", "-o", page, "."}), errb.String())

	rows := regexp.MustCompile(`<details class="asset" data-path="([^"]*)"`)
	count := regexp.MustCompile(`id="count">(\d+) of (\d+) assets`)
	check := func(fragment string) []string {
		dom, log := dumpDOM(t, bin, page, fragment)
		require.NotContains(t, log, "Uncaught", "a script error")
		require.NotContains(t, log, "Content Security Policy", "the CSP blocked something")
		m := count.FindStringSubmatch(dom)
		require.NotNil(t, m, "the script did not render the list")
		var paths []string
		for _, r := range rows.FindAllStringSubmatch(dom, -1) {
			paths = append(paths, r[1])
		}
		n, _ := strconv.Atoi(m[1])
		require.Len(t, paths, n, "the count says what is shown")
		require.Regexp(t, `<div id="static" hidden=""`, dom, "the static list is hidden when the script runs")
		require.Regexp(t, `^<!DOCTYPE html>\s*<html lang="en" class=" js" data-msglint-ms="response=\d+ script=\d+ parse=\d+ model=\d+ render=\d+( frame=\d+)?">`, dom,
			"the page's own timings (docs/report.md)")
		return paths
	}
	all := check("")
	require.Len(t, all, 19)
	sales := check("team=sales")
	require.NotEmpty(t, sales)
	for _, p := range sales {
		require.True(t, strings.HasPrefix(p, "sales/"), p)
	}
	decks := check("team=sales&q=pptx&sev=error")
	require.Equal(t, []string{"sales/decks/acme-cloudsync-deck.pptx"}, decks)
	// a heatmap cell as a filter lists the assets the cell counts
	cell := check(`cell=["p","cloudsync","decision"]`)
	require.Equal(t, []string{"enablement/objection-handling.md", "site/customers/northwind.md", "site/pricing.md"}, cell)
	// open=PATH expands the asset: its findings grouped by family
	dom, _ := dumpDOM(t, bin, page, "open=sales/decks/acme-cloudsync-deck.pptx&q=deck")
	require.Regexp(t, `<details class="asset" data-path="sales/decks/acme-cloudsync-deck.pptx" open="">`, dom)
	require.Contains(t, dom, `<div class="fam">naming (`)
}
