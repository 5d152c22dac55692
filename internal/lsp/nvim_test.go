package lsp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/msglint/msglint/project"
)

// nvimConfig is the Lua a writer would paste (docs/editors.md), in the
// form Neovim 0.7 understands too (vim.lsp.start_client): it opens a page
// of examples/acme, waits for msglint's diagnostics and writes them out.
const nvimConfig = `
local ok, err = pcall(function()
  local root = os.getenv("ACME")
  local client = vim.lsp.start_client({ name = "msglint", cmd = { os.getenv("MSGLINT_BIN"), "lsp" }, root_dir = root })
  vim.cmd("edit " .. root .. "/site/pricing.md")
  vim.lsp.buf_attach_client(0, client)
  vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
    table.insert(lines, string.format("%d:%d %s", d.lnum + 1, d.col, code))
  end
  table.sort(lines)
  vim.fn.writefile(lines, os.getenv("NVIM_OUT"))
end)
if not ok then vim.fn.writefile({ "error: " .. tostring(err) }, os.getenv("NVIM_OUT")) end
vim.cmd("qall!")
`

// TestNeovim runs headless Neovim's built-in LSP client against `msglint
// lsp` on examples/acme/site/pricing.md and checks the diagnostics it
// received. It is skipped when nvim is not installed.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found: install Neovim (apt-get install neovim) to run the editor test")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not found: the test builds msglint")
	}
	if testing.Short() {
		t.Skip("builds msglint and runs Neovim")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "msglint")
	build := exec.Command("go", "build", "-o", bin, "github.com/msglint/msglint/cmd/msglint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	acme, err := filepath.Abs("../../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(tmp, "init.lua")
	out := filepath.Join(tmp, "diagnostics.txt")
	if err := os.WriteFile(cfg, []byte(nvimConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	// a deadline only so that a broken Neovim cannot hang the test run
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile "+cfg)
	cmd.Env = append(os.Environ(), "ACME="+acme, "MSGLINT_BIN="+bin, "NVIM_OUT="+out,
		"XDG_STATE_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_CACHE_HOME="+tmp, "XDG_CONFIG_HOME="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no diagnostics: %v", err)
	}
	// what msglint check site/pricing.md finds (Neovim's columns are
	// 0-based UTF-16 units)
	page := filepath.Join(acme, "site", "pricing.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(acme, "", page)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Run(project.Options{Paths: []string{page}, Scoped: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range res.Findings {
		r := findingRange(f, string(src), true)
		lines = append(lines, fmt.Sprintf("%d:%d %s", r.Start.Line+1, r.Start.Character, f.Rule))
	}
	sort.Strings(lines)
	want := strings.Join(lines, "\n") + "\n"
	if len(lines) == 0 {
		t.Fatal("msglint check finds nothing in site/pricing.md: the test needs a finding")
	}
	t.Logf("Neovim received:\n%s", got)
	if string(got) != want {
		t.Errorf("Neovim's diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
