package cli

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/bench/gen"
	"github.com/msglint/msglint/report"
)

// The content cache and sharding give the output of one cold run, byte
// for byte, in every format: a warm run (every file from the cache), a run
// with one file changed, a run over a corrupted cache, and the merge of
// three shards; and a config change is seen by the next warm run.

var elapsed = regexp.MustCompile(`\([0-9.]+(µs|ms|s)\)`)

func runApp(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	a := &App{Stdout: &out, Stderr: &errb, Cwd: dir, Now: time.Now,
		Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }}
	code := a.Run(args)
	require.Contains(t, []int{0, 1}, code, "msglint %v: %s", args, errb.String())
	return elapsed.ReplaceAllString(out.String(), "(TIME)")
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	}))
}

func TestCacheAndShardsSameOutput(t *testing.T) {
	acme := t.TempDir()
	copyTree(t, "../../examples/acme", acme)
	generated := t.TempDir()
	_, err := gen.Write(generated, gen.Options{Files: 120, Terms: 60, Claims: 10, Rate: 0.2, Seed: 7})
	require.NoError(t, err)
	for name, dir := range map[string]string{"acme": acme, "generated": generated} {
		t.Run(name, func(t *testing.T) {
			cacheDir := t.TempDir()
			shardDir := t.TempDir()
			check := func(extra ...string) string {
				return runApp(t, dir, append([]string{"check", "--today", "2026-06-01", "--fail-on", "never", "--progress", "never"}, extra...)...)
			}
			changed := func() {
				// a variant in a file of the corpus
				var target string
				require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
					if target == "" && err == nil && filepath.Ext(p) == ".md" {
						target = p
					}
					return err
				}))
				f, err := os.OpenFile(target, os.O_APPEND|os.O_WRONLY, 0)
				require.NoError(t, err)
				_, err = f.WriteString("\nThe acme cloudsync and Posthog and posthog figures: 99.9% uptime, 42 customers.\n")
				require.NoError(t, err)
				require.NoError(t, f.Close())
			}
			for round, edit := range []func(){nil, changed} {
				if edit != nil {
					edit()
				}
				for _, format := range report.Formats() {
					cold := check("--no-cache", "-f", format, ".")
					require.Equal(t, cold, check("--cache-dir", cacheDir, "-f", format, "."), "round %d, %s: first cached run", round, format)
					require.Equal(t, cold, check("--cache-dir", cacheDir, "-f", format, "."), "round %d, %s: warm run", round, format)
					var shards []string
					for k := 1; k <= 3; k++ {
						s := filepath.Join(shardDir, "shard-"+string(rune('0'+k))+".bin")
						cache := []string{"--cache-dir", cacheDir}
						if k == 2 {
							cache = []string{"--no-cache"}
						}
						check(append(cache, "--shard", string(rune('0'+k))+"/3", "--facts-out", s, ".")...)
						shards = append(shards, s)
					}
					merged := runApp(t, dir, append([]string{"merge", "--fail-on", "never", "-f", format}, shards...)...)
					require.Equal(t, cold, merged, "round %d, %s: merged shards", round, format)
				}
			}
			// a corrupted cache is ignored (and rewritten)
			require.NoError(t, filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				switch len(b) % 3 {
				case 0:
					b = b[:len(b)/2] // truncated
				case 1:
					b[len(b)/2] ^= 0x55 // a flipped byte
				default:
					b = []byte("foreign") // not ours
				}
				return os.WriteFile(p, b, 0o600)
			}))
			for _, format := range []string{"json", "text"} {
				cold := check("--no-cache", "-f", format, ".")
				require.Equal(t, cold, check("--cache-dir", cacheDir, "-f", format, "."), "%s: corrupted cache", format)
				require.Equal(t, cold, check("--cache-dir", cacheDir, "-f", format, "."), "%s: rewritten cache", format)
			}
			// a config change is seen
			cfg := filepath.Join(dir, "msglint.yaml")
			b, err := os.ReadFile(cfg)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(cfg, append(b, "\nrules:\n  naming/variant: info\n"...), 0o644))
			cold := check("--no-cache", "-f", "json", ".")
			require.Equal(t, cold, check("--cache-dir", cacheDir, "-f", "json", "."), "config changed")
			require.Contains(t, cold, `"severity": "info"`)
		})
	}
}
