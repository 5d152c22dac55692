// Package fix applies the fixes that msglint's rules attach to findings:
// it picks the unambiguous ones, resolves overlaps
// deterministically, splices the replacements into the source bytes (every
// other byte stays as it was) and writes each file atomically.
//
// It works from a driver.Result run with KeepDocs, so every file is read
// once; before a file is written it is read again and compared with the
// bytes the findings were computed on, so a file edited in the meantime is
// left alone.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules"
)

// Selected reports whether fixes of this safety are applied by default
// (or with heuristic set). The safety is declared on each rule (its Fix
// field); a rule not in the list is FixNone and never fixed.
func Selected(s lint.FixSafety, heuristic bool) bool { return s.Applies(heuristic) }

// safeties maps each rule id to its declared fix safety.
func safeties(list []*lint.Rule) map[string]lint.FixSafety {
	m := make(map[string]lint.FixSafety, len(list))
	for _, r := range list {
		m[r.Name] = r.Fix
	}
	return m
}

// Reasons a fixable finding was not fixed.
const (
	ReasonNotText   = "office and PDF files are never written"
	ReasonInexact   = "the match spans markup, an entity or a line break in the source"
	ReasonHeuristic = "a heuristic fix: apply with --heuristic after review"
	ReasonOverlap   = "overlaps another fix in the same place; run fix again"
	ReasonStale     = "the source no longer holds the matched text (file changed?)"
	ReasonNoSource  = "the source of the file is not available"
)

// Options configure Plan.
type Options struct {
	// Root is the folder the result's paths are relative to.
	Root string
	// Heuristic also applies the fixes of the rules declared
	// lint.FixHeuristic.
	Heuristic bool
	// Rules are the rules the findings came from, whose Fix field says
	// which fixes are applied (nil: rules.All()).
	Rules []*lint.Rule
	// Select, when set, replaces the default choice of rules (by their
	// declared safety and Heuristic).
	Select func(rule string) bool
	// Show, when set, maps a result's path to the one diffs and messages
	// name (msglint fix: relative to the working folder).
	Show func(path string) string
}

// Edit is one replacement in a file: Src[Start:End] becomes New.
type Edit struct {
	Start, End int
	New        string
	// Diags are the findings this edit fixes (two rules may propose the
	// same edit).
	Diags []lint.Finding
}

// File is one file to rewrite.
type File struct {
	Path  string // as reported (relative to Root, with '/')
	Name  string // as diffs and messages show it (Options.Show)
	Abs   string // on disk
	Old   []byte // the bytes the findings were computed on
	New   []byte
	Edits []Edit // sorted, non-overlapping
}

// Unfixed is a finding the plan leaves for a person, with the reason when
// the finding had a fix that was not applied ("" when it had none).
type Unfixed struct {
	lint.Finding
	Reason string

	order int // index in the result's diagnostics
}

// Result is a fix plan: the files to rewrite and what is left.
type Result struct {
	Files []*File // in path order, each with at least one edit
	Fixed int     // findings fixed
	Left  []Unfixed
}

// Plan decides which fixes to apply. res must come from a run with
// KeepDocs. It writes nothing.
func Plan(res *driver.Result, opt Options) *Result {
	list := opt.Rules
	if list == nil {
		list = rules.All()
	}
	safety := safeties(list)
	// sel: is this fix applied? The rule's declared safety, or the fix's
	// own (lint.Fix.Safety) when it sets one; opt.Select replaces both.
	sel := func(rule string, fx *lint.Fix) bool {
		s := safety[rule]
		if fx.Safety != lint.FixNone {
			s = fx.Safety
		}
		return Selected(s, opt.Heuristic)
	}
	if opt.Select != nil {
		sel = func(rule string, _ *lint.Fix) bool { return opt.Select(rule) }
	}
	out := &Result{}
	type cand struct {
		d     lint.Finding
		order int
	}
	byPath := map[string][]cand{}
	var paths []string
	for i, d := range res.Findings {
		if d.Fix == nil {
			out.Left = append(out.Left, Unfixed{Finding: d, order: i})
			continue
		}
		doc := res.Docs[d.Path]
		reason := ""
		switch {
		case doc != nil && !extract.TextFormat(doc.Format):
			reason = ReasonNotText
		case d.Loc != "":
			reason = ReasonNotText
		case d.Fix.Start < 0 || d.Fix.End < d.Fix.Start:
			reason = ReasonInexact
		case !sel(d.Rule, d.Fix):
			reason = ReasonHeuristic
			switch {
			case d.Fix.Safety != lint.FixNone && d.Fix.Why != "":
				reason = d.Fix.Why + ": apply with --heuristic after review"
			case d.Fix.Safety == lint.FixNone && safety[d.Rule] != lint.FixHeuristic:
				reason = "fixes of " + d.Rule + " are not applied automatically"
			}
		case doc == nil || doc.Src == nil:
			reason = ReasonNoSource
		case d.Fix.End > len(doc.Src) || !sameText(doc.Src[d.Fix.Start:d.Fix.End], d.Match) || d.Fix.End == d.Fix.Start:
			reason = ReasonStale
		}
		if reason != "" {
			out.Left = append(out.Left, Unfixed{Finding: d, Reason: reason, order: i})
			continue
		}
		if _, ok := byPath[d.Path]; !ok {
			paths = append(paths, d.Path)
		}
		byPath[d.Path] = append(byPath[d.Path], cand{d, i})
	}
	sort.Strings(paths)
	for _, p := range paths {
		cs := byPath[p]
		// deterministic: by start, then the longer edit first, then rule
		// and replacement; an edit overlapping a kept one is dropped.
		sort.SliceStable(cs, func(i, j int) bool {
			a, b := cs[i].d.Fix, cs[j].d.Fix
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			if a.End != b.End {
				return a.End > b.End
			}
			if cs[i].d.Rule != cs[j].d.Rule {
				return cs[i].d.Rule < cs[j].d.Rule
			}
			if a.Replacement != b.Replacement {
				return a.Replacement < b.Replacement
			}
			return cs[i].order < cs[j].order
		})
		doc := res.Docs[p]
		f := &File{Path: p, Name: p, Abs: absPath(opt.Root, p), Old: doc.Src}
		if opt.Show != nil {
			f.Name = opt.Show(p)
		}
		for _, c := range cs {
			fx := c.d.Fix
			if n := len(f.Edits); n > 0 {
				last := &f.Edits[n-1]
				if fx.Start == last.Start && fx.End == last.End && fx.Replacement == last.New {
					last.Diags = append(last.Diags, c.d) // the same edit twice
					out.Fixed++
					continue
				}
				if fx.Start < last.End {
					out.Left = append(out.Left, Unfixed{Finding: c.d, Reason: ReasonOverlap, order: c.order})
					continue
				}
			}
			f.Edits = append(f.Edits, Edit{Start: fx.Start, End: fx.End, New: fx.Replacement, Diags: []lint.Finding{c.d}})
			out.Fixed++
		}
		f.New = Apply(f.Old, f.Edits)
		if bytes.Equal(f.New, f.Old) {
			continue // every replacement equal to its match
		}
		out.Files = append(out.Files, f)
	}
	// back to the result's order (path, line, column, rule)
	sort.SliceStable(out.Left, func(i, j int) bool { return out.Left[i].order < out.Left[j].order })
	return out
}

func absPath(root, rel string) string {
	p := filepath.FromSlash(rel)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}

// Apply splices sorted, non-overlapping edits into src and returns a new
// slice; src is not modified. Bytes outside the edits are copied as they are.
func Apply(src []byte, edits []Edit) []byte {
	size := len(src)
	for _, e := range edits {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...)
}

// Diff returns the unified diff of the file's change, with a/ and b/
// prefixes so that `git apply` and `patch -p1` take it.
func (f *File) Diff() string {
	return fixHunkHeaders(udiff.Unified("a/"+f.name(), "b/"+f.name(), string(f.Old), string(f.New)))
}

// name is the path diffs and messages show.
func (f *File) name() string {
	if f.Name != "" {
		return f.Name
	}
	return f.Path
}

// fixHunkHeaders recomputes the new-file start line of every hunk:
// go-udiff v0.4.1 forgets the context lines inside earlier hunks, so its
// second and later "+start" numbers can be too small (patch and git apply
// cope, but a reader should not have to). The new start is the old start
// plus the lines the earlier hunks added or removed.
func fixHunkHeaders(d string) string {
	if d == "" {
		return d
	}
	lines := strings.SplitAfter(d, "\n")
	offset := 0
	for i, l := range lines {
		if !strings.HasPrefix(l, "@@ -") {
			continue
		}
		var a, b, c, n int
		from, to, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(l, "@@ -"), " @@\n"), " +")
		if !ok {
			continue
		}
		a, b = rangeOf(from)
		c, n = rangeOf(to)
		if a == 0 || c == 0 {
			offset += n - b // an edge case at the top of an empty file: keep
			continue
		}
		c = a + offset
		offset += n - b
		lines[i] = "@@ -" + from + " +" + formatRange(c, n) + " @@\n"
	}
	return strings.Join(lines, "")
}

// rangeOf parses "start[,count]" (count defaults to 1).
func rangeOf(s string) (start, count int) {
	st, cnt, has := strings.Cut(s, ",")
	start, _ = strconv.Atoi(st)
	count = 1
	if has {
		count, _ = strconv.Atoi(cnt)
	}
	return start, count
}

func formatRange(start, count int) string {
	if count == 1 {
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "," + strconv.Itoa(count)
}

// Rename renames a file; tests replace it to simulate a failure.
type Rename func(oldpath, newpath string) error

// WriteOptions tune File.Write.
type WriteOptions struct {
	// Rename replaces the file (nil: os.Rename); tests simulate failures.
	Rename Rename
	// Force writes a read-only file (one whose mode has no owner write
	// bit) too; without it such a file is refused.
	Force bool
}

// TempPrefix starts the name of the temporary file a fix is written to,
// in the fixed file's folder: .msglint-fix-*.tmp.
const TempPrefix = ".msglint-fix-"

// Write rewrites the file atomically, after checking that the file on disk
// still holds the bytes the fixes were computed on.
func (f *File) Write(o WriteOptions) error {
	// (only a regular file, and no more than the old size needs)
	cur, err := safeopen.ReadFile(f.Abs, int64(len(f.Old)))
	if err != nil && !errors.Is(err, safeopen.ErrTooLarge) {
		return err
	}
	if err != nil || !bytes.Equal(cur, f.Old) {
		return fmt.Errorf("%s changed since it was read; not written", f.name())
	}
	return writeAtomic(f.Abs, f.name(), f.New, o)
}

// WriteAtomic replaces the file at path with data: a temporary file in the
// same folder (.msglint-fix-*.tmp) is written, synced, given the
// original's owner, group and mode, closed and renamed over the original.
// On any failure the temporary file is removed and the original is left
// as it was. A read-only file is refused unless o.Force.
func WriteAtomic(path string, data []byte, o WriteOptions) error {
	return writeAtomic(path, path, data, o)
}

func writeAtomic(path, name string, data []byte, o WriteOptions) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err // fix only replaces existing files
	}
	if fi.Mode().Perm()&0o200 == 0 && !o.Force {
		return fmt.Errorf("%s is read-only (mode %04o); --force rewrites it", name, fi.Mode().Perm())
	}
	return atomicfile.WriteBytes(path, data, atomicfile.Options{Rename: o.Rename, Prefix: TempPrefix})
}

// sameText reports whether the source bytes src hold the matched text:
// the same bytes, or, for a match wrapped over lines (lint.Rewrap), the
// same words with a line break where the match has a space.
func sameText(src []byte, match string) bool {
	if string(src) == match {
		return true
	}
	if bytes.IndexByte(src, '\n') < 0 {
		return false
	}
	return strings.Join(strings.Fields(string(src)), " ") == match
}
