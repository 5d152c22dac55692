package glossary

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser parses GitHub-flavoured Markdown tables (goldmark's table
// extension, which also unescapes `\|` inside code spans).
var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()

// IsMarkdown reports whether name is a Markdown file by its extension.
func IsMarkdown(name string) bool {
	switch strings.ToLower(name[strings.LastIndexByte(name, '.')+1:]) {
	case "md", "markdown", "mdown", "mkd":
		return strings.Contains(name, ".")
	}
	return false
}

// ReadMarkdown reads a glossary kept as Markdown pipe tables, as a
// handbook writes one: every table whose header names a term column (the
// same names as a sheet's, and --columns) gives terms; other tables are
// reported and skipped. Cells lose their markup (code, emphasis, links
// keep their words); list cells separate entries with `,`, `;`, "or" or
// <br>, and quotes around an entry are dropped. A row whose only cell is
// the term, a letter or in bold, divides the table (A, B, C...); when its
// words name a kind (Products, Competitors...) the rows below take it, as
// they take the kind a heading above the table names.
func ReadMarkdown(name string, data []byte, cols Columns) (*Result, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, Problem{File: name, Msg: "not UTF-8 text"}
	}
	lines := lineStarts(data)
	doc := mdParser.Parse(gtext.NewReader(data))
	var rs []*Result
	var skipped []Problem
	var headers []string
	headingKind := ""
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.Heading:
			headingKind, _ = kindOf(cellText(n, data))
			return gast.WalkSkipChildren, nil
		case *east.Table:
			t := readTable(name, n, data, lines, cols, headingKind)
			if t.noTerm {
				skipped = append(skipped, Problem{name, t.line, "a table whose header names no term column: skipped (it has " + strings.Join(t.header, ", ") + ")"})
				headers = append(headers, t.header...)
			} else {
				rs = append(rs, t.r)
			}
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	if len(rs) == 0 {
		if len(skipped) == 0 {
			return nil, Problem{File: name, Msg: "a Markdown file with no table: a glossary in Markdown is a pipe table with a term column"}
		}
		return nil, Problem{File: name, Line: skipped[0].Line, Msg: "no table's header names a term column (one of term, approved, preferred, name, use this; or map one with --columns \"HEADER=term\"); they have " + strings.Join(headers, ", ")}
	}
	r := Merge(rs...)
	r.Format = "markdown"
	r.Problems = append(r.Problems, skipped...)
	sort.SliceStable(r.Problems, func(i, j int) bool { return r.Problems[i].Line < r.Problems[j].Line })
	return r, nil
}

type mdTable struct {
	r      *Result
	noTerm bool
	line   int
	header []string
}

func readTable(name string, tbl *east.Table, src []byte, lines []int, cols Columns, kind string) mdTable {
	out := mdTable{line: lineOf(lines, tbl.Pos())}
	var header []string
	var rows [][]string
	var nums []int
	var bold []bool
	for row := tbl.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		allBold := true
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, cellText(c, src))
			if c == row.FirstChild() {
				allBold = c.ChildCount() == 1 && isStrong(c.FirstChild())
			}
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
			out.line = lineOf(lines, row.Pos())
			continue
		}
		rows, nums, bold = append(rows, cells), append(nums, lineOf(lines, row.Pos())), append(bold, allBold)
	}
	for _, h := range header {
		out.header = append(out.header, fmt.Sprintf("%q", h))
	}
	if !hasTermColumn(header, cols) {
		out.noTerm = true
		return out
	}
	termCol, kindCol := role(header, cols, "name"), role(header, cols, "kind")
	r := &Result{Format: "markdown"}
	kindAt := map[int]string{} // a row's line → the kind its divider or heading gives
	i := -1
	res, _ := rowsToTerms(name, header, cols, mdCells{}, r, func() ([]string, int, error) {
		for i++; i < len(rows); i++ {
			if divider(rows[i], termCol, bold[i]) {
				if k, ok := kindOf(rows[i][termCol]); ok {
					kind = k
				}
				continue
			}
			if kindCol < 0 || kindCol >= len(rows[i]) || rows[i][kindCol] == "" {
				kindAt[nums[i]] = kind
			}
			return rows[i], nums[i], nil
		}
		return nil, 0, io.EOF
	})
	for t := range res.Terms {
		tm := &res.Terms[t]
		if k := kindAt[tm.Line]; tm.Kind == "" && k != "" {
			tm.Kind, tm.Competitor = k, k == "competitor"
			if tm.Competitor {
				tm.Kind = "term"
			}
		}
	}
	out.r = res
	return out
}

// role is the index of the first column with the role, or -1.
func role(header []string, cols Columns, role string) int {
	for i, h := range header {
		k := headerKey(h)
		if cols[k] == role || (cols[k] == "" && columns[k] == role) {
			return i
		}
	}
	return -1
}

// divider reports whether a row only divides a table: its one non-empty
// cell is the term cell, a single letter or all in bold.
func divider(row []string, termCol int, bold bool) bool {
	for i, c := range row {
		if i != termCol && c != "" {
			return false
		}
	}
	if termCol >= len(row) {
		return false
	}
	return bold || utf8.RuneCountInString(row[termCol]) == 1
}

// kindOf reads a heading or a dividing row as a kind: "product",
// "feature", "term" or "competitor".
func kindOf(s string) (string, bool) {
	switch strings.ToLower(clean(s)) {
	case "product", "products", "our products", "product names", "brand", "brands":
		return "product", true
	case "feature", "features", "feature names", "capabilities":
		return "feature", true
	case "competitor", "competitors", "competition":
		return "competitor", true
	case "third-party names", "third party names", "partners", "integrations", "general terms":
		return "term", true
	}
	return "", false
}

func isStrong(n gast.Node) bool {
	e, ok := n.(*gast.Emphasis)
	return ok && e.Level == 2
}

// cellText is the words of a cell or heading: the text of its inlines,
// code spans and link texts (not their targets); <br> is a line break.
func cellText(n gast.Node, src []byte) string {
	var b strings.Builder
	_ = gast.Walk(n, func(c gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *gast.CodeSpan:
			// as written (goldmark has taken the backslash of a \| away)
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*gast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return gast.WalkSkipChildren, nil
		case *gast.Text:
			b.Write(util.UnescapePunctuations(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *gast.String:
			b.Write(c.Value)
		case *gast.AutoLink:
			b.Write(c.Label(src))
		case *gast.RawHTML:
			var raw []byte
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw = append(raw, seg.Value(src)...)
			}
			if t := strings.ToLower(strings.Join(strings.Fields(string(raw)), "")); t == "<br>" || t == "<br/>" {
				b.WriteByte('\n')
			}
		case *gast.Image:
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf is the 1-based line of a byte offset (0 when unknown).
func lineOf(starts []int, off int) int {
	if off < 0 {
		return 0
	}
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}
