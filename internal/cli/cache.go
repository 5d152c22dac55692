package cli

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/msglint/msglint/project/cache"
	"github.com/spf13/pflag"
)

var cacheCommand = &command{
	name:    "cache",
	summary: "show or clean the content cache (per-file results kept between runs)",
	usage:   "msglint cache info|clean [--cache-dir DIR]",
	examples: `  msglint cache info    # where the cache is, its entries and size
  msglint cache clean   # remove every entry
`,
}

func init() { cacheCommand.run = runCache }

// cacheFlags are the content cache's flags (docs/cache.md).
type cacheFlags struct {
	dir string
	no  bool
}

func (c *cacheFlags) register(fs *pflag.FlagSet, run bool) {
	fs.StringVar(&c.dir, "cache-dir", "", "the content cache's `DIR` (default: $MSGLINT_CACHE_DIR, else msglint in the user's cache folder, $XDG_CACHE_HOME or ~/.cache)")
	if run {
		fs.BoolVar(&c.no, "no-cache", false, "neither read nor write the content cache")
	}
}

// cacheDir is the cache folder: --cache-dir, $MSGLINT_CACHE_DIR, else
// msglint in the user's cache folder (os.UserCacheDir's rules, read from
// the App's environment); "" when there is none (no home folder).
func (a *App) cacheDir(c *cacheFlags) string {
	if c.dir != "" {
		return a.abs(c.dir)
	}
	if d := a.Getenv("MSGLINT_CACHE_DIR"); d != "" {
		return a.abs(d)
	}
	var base string
	switch runtime.GOOS {
	case "windows":
		base = a.Getenv("LocalAppData")
	case "darwin", "ios":
		if h := a.Getenv("HOME"); h != "" {
			base = filepath.Join(h, "Library", "Caches")
		}
	default:
		base = a.Getenv("XDG_CACHE_HOME")
		if !filepath.IsAbs(base) {
			base = ""
			if h := a.Getenv("HOME"); h != "" {
				base = filepath.Join(h, ".cache")
			}
		}
	}
	if base == "" {
		return ""
	}
	return filepath.Join(base, "msglint")
}

// openCache opens the run's cache (nil: --no-cache, or no folder can be
// made: a run without a cache is slower, never wrong; a folder named by
// --cache-dir or $MSGLINT_CACHE_DIR that cannot be made is said on stderr).
func (a *App) openCache(c *cacheFlags) *cache.Store {
	if c.no {
		return nil
	}
	dir := a.cacheDir(c)
	if dir == "" {
		return nil
	}
	s, err := cache.Open(dir, 0)
	if err != nil {
		if c.dir != "" || a.Getenv("MSGLINT_CACHE_DIR") != "" {
			fmt.Fprintf(a.Stderr, "msglint: cache disabled: %v\n", err)
		}
		return nil
	}
	return s
}

func runCache(a *App, args []string) int {
	fs := a.newFlags(cacheCommand)
	var c cacheFlags
	c.register(fs, false)
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 || fs.Arg(0) != "info" && fs.Arg(0) != "clean" {
		return a.usageError(fmt.Errorf("usage: %s", cacheCommand.usage))
	}
	dir := a.cacheDir(&c)
	if dir == "" {
		return a.usageError(fmt.Errorf("no cache folder: set --cache-dir, MSGLINT_CACHE_DIR or HOME"))
	}
	if fs.Arg(0) == "clean" {
		if err := cache.Clean(dir); err != nil {
			return a.usageError(fmt.Errorf("cleaning the cache: %v", err))
		}
		fmt.Fprintf(a.Stdout, "removed %s\n", dir)
		return ExitOK
	}
	s, err := cache.Open(dir, 0)
	if err != nil {
		return a.usageError(err)
	}
	in, err := s.Info()
	if err != nil {
		return a.usageError(err)
	}
	fmt.Fprintf(a.Stdout, "cache: %s\nentries: %d (in %d files, %d of them packs)\nsize: %d bytes (bound %d)\n",
		dir, in.Entries, in.Files, in.Packs, in.Size, int64(cache.DefaultMaxBytes))
	return ExitOK
}
