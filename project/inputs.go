package project

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/discover"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/project/driver"
)

// InputOptions configure Inputs.
type InputOptions struct {
	// Root is the folder the files' paths are relative to (the config's
	// folder).
	Root string
	// Include and Exclude are doublestar globs relative to Root; an empty
	// Include means every file of a kind msglint reads (discover.Options).
	Include, Exclude []string
	// CwdInclude and CwdExclude are globs relative to Cwd (the command
	// line's; see discover.Options).
	CwdInclude, CwdExclude []string
	Cwd                    string
	// Extract are the extractors' options.
	Extract *extract.Options
	// Read, when set, returns a file's bytes when they were read already
	// (the content cache hashed them), by absolute path; false: read it.
	Read func(abs string) ([]byte, bool)
}

// Files are the files under a run's paths, as the driver's inputs.
type Files struct {
	// Inputs are the files found, in path order; each reads and extracts
	// its file (in a driver worker) with the extractor its name picks.
	Inputs []driver.Input
	// Skipped counts files of unknown kinds (discover.Result.Skipped).
	Skipped int
}

// Inputs finds the files under paths (package discover) and returns them
// as driver inputs: everything a run over the files needs but the rules.
// `msglint check`, `fix` and `report` (Project.Run) and `msglint init`
// read their files through it. A path that does not exist is an error.
func Inputs(paths []string, o InputOptions) (*Files, error) {
	found, err := discover.Find(paths, discover.Options{Root: o.Root, Include: o.Include, Exclude: o.Exclude,
		CwdInclude: o.CwdInclude, CwdExclude: o.CwdExclude, Cwd: o.Cwd, Known: extract.Known})
	if err != nil {
		return nil, err
	}
	xo := o.Extract
	inputs := make([]driver.Input, 0, len(found.Files))
	for _, f := range found.Files {
		f := f
		fn, format, _ := extract.For(f.Abs)
		if f.Err != nil {
			// a FIFO, device, link loop or over-long path found by
			// discovery: a finding on that file, nothing is opened
			inputs = append(inputs, driver.Input{Path: f.Rel, Format: format, Load: func() (*content.Document, error) {
				return nil, &content.InputError{Rule: content.RuleUnreadable, Err: f.Err}
			}})
			continue
		}
		read := o.Read
		inputs = append(inputs, driver.Input{Path: f.Rel, Format: format, Abs: f.Abs, Load: func() (*content.Document, error) {
			if read != nil {
				if src, ok := read(f.Abs); ok {
					return extractBudgeted(f.Rel, src, fn, xo)
				}
			}
			return readAndExtract(f.Abs, f.Rel, fn, xo)
		}, Source: func() ([]byte, error) {
			return readSource(f.Abs, xo.Limits.MaxFileSize)
		}})
	}
	return &Files{Inputs: inputs, Skipped: found.Skipped}, nil
}

// readSource reads a file's bytes again, after the run (driver.Input.Source):
// a regular file within the size limit, else an error.
func readSource(abs string, limit int64) ([]byte, error) {
	f, fi, err := safeopen.OpenRegular(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: over the size limit", abs)
	}
	src, err := readBounded(f, fi.Size(), limit)
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > limit {
		return nil, fmt.Errorf("%s: over the size limit", abs)
	}
	return src, nil
}

func readAndExtract(abs, rel string, fn extract.Func, xo *extract.Options) (*content.Document, error) {
	// Only a regular file is read: the descriptor is checked after an
	// open that cannot block, in case the path was swapped for a FIFO or
	// a device after discovery saw a regular file.
	f, fi, err := safeopen.OpenRegular(abs)
	if err != nil {
		var nr *safeopen.NotRegularError
		if errors.As(err, &nr) {
			return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("%s, not a regular file; skipped", safeopen.Kind(nr.Mode))}
		}
		if errors.Is(err, syscall.ENAMETOOLONG) {
			// the finding names the file; the error would repeat all of
			// its (over-long) path
			return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("path is %d bytes, longer than the system allows; skipped", len(abs))}
		}
		return nil, err
	}
	defer f.Close()
	limit := xo.Limits.MaxFileSize
	tooLarge := func(size int64) error {
		return &content.InputError{Rule: content.RuleTooLarge,
			Err: fmt.Errorf("file is %d bytes, over the %d-byte limit; skipped (%s)", size, limit, extract.RaiseHint("max_file_size", limit))}
	}
	if fi.Size() > limit {
		return nil, tooLarge(fi.Size())
	}
	// Read at most one byte past the limit, so a file that grows after the
	// Stat still cannot take more memory than the limit.
	src, err := readBounded(f, fi.Size(), limit)
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > limit {
		return nil, tooLarge(int64(len(src)))
	}
	return extractBudgeted(rel, src, fn, xo)
}

// extractBudgeted runs fn under a new budget for the file
// (extract.NewBudget), which the document keeps for the rules.
func extractBudgeted(rel string, src []byte, fn extract.Func, xo *extract.Options) (*content.Document, error) {
	o := *xo
	o.Budget = extract.NewBudget(xo.Limits, len(src))
	// the file's bytes are the first charge: the budget (its size plus
	// limits.max_file_memory) bounds everything the file holds
	o.Budget.Alloc(len(src))
	doc, err := fn(rel, src, &o)
	if doc != nil {
		doc.Budget = o.Budget
	}
	return doc, err
}

// readBounded reads r to its end or to one byte past limit, whichever
// comes first (the loop is os.ReadFile's, on a limited reader); size is
// the expected size, a hint for the first buffer.
func readBounded(r io.Reader, size, limit int64) ([]byte, error) {
	r = io.LimitReader(r, limit+1)
	src := make([]byte, 0, min(size, limit)+512)
	for {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		n, err := r.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			return src, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// StdinInput returns standard input as a run's one input, linted as if it
// were the file name (an absolute path, which need not exist): its
// extractor is picked by that name's extension and findings carry that
// name relative to o.Root. r is read in the driver's worker, within
// limits.max_file_size (o.Extract): at most one byte past the limit is
// read, and more is an input/too-large finding. A name of a kind msglint
// does not read is skipped, as a PATH of that kind is.
func StdinInput(r io.Reader, name string, o InputOptions) *Files {
	if !extract.Known(name) {
		return &Files{Skipped: 1}
	}
	rel := filepath.ToSlash(name)
	if r, err := filepath.Rel(o.Root, name); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		rel = filepath.ToSlash(r)
	}
	fn, format, _ := extract.For(name)
	xo := o.Extract
	return &Files{Inputs: []driver.Input{{Path: rel, Format: format, Load: func() (*content.Document, error) {
		limit := xo.Limits.MaxFileSize
		src, err := readBounded(r, 0, limit)
		if err != nil {
			return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("reading standard input: %v", err)}
		}
		if int64(len(src)) > limit {
			return nil, &content.InputError{Rule: content.RuleTooLarge,
				Err: fmt.Errorf("standard input is over the %d-byte limit; skipped (%s)", limit, extract.RaiseHint("max_file_size", limit))}
		}
		return extractBudgeted(rel, src, fn, xo)
	}}}}
}

// FileKind reports whether msglint reads files with this name's extension,
// and whether it can fix them (a text format: Markdown, MDX, HTML, text).
func FileKind(name string) (known, fixable bool) {
	_, format, known := extract.For(name)
	return known, known && extract.TextFormat(format)
}
