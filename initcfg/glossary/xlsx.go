package glossary

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The bounds of an XLSX workbook, as the office extractors bound theirs:
// entries, uncompressed bytes read over all parts (counted while reading,
// since zip headers can lie), the compression ratio of a part, and cells.
const (
	xlsxMaxEntries = 10000
	xlsxMaxTotal   = 64 << 20
	xlsxMaxRatio   = 1000
	xlsxRatioFloor = 64 << 10 // what any part may inflate to, whatever its ratio
	xlsxMaxCells   = 1 << 20
	xlsxMaxColumn  = 16384 // XFD, Excel's last column
	xlsxHeaderRows = 10    // rows searched for the header
)

type xlsxPkg struct {
	name  string
	files map[string]*zip.File
	total int64
}

// ReadXLSX reads the first sheet of an Excel workbook as ReadSheet reads a
// CSV file: a header row, then a term a row. Problems name the row.
func ReadXLSX(name string, data []byte, cols Columns) (*Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Problem{File: name, Msg: "not a readable XLSX workbook (zip): " + err.Error()}
	}
	if len(zr.File) > xlsxMaxEntries {
		return nil, Problem{File: name, Msg: fmt.Sprintf("the workbook has %d entries (limit %d)", len(zr.File), xlsxMaxEntries)}
	}
	x := &xlsxPkg{name: name, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		k := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := x.files[k]; !dup {
			x.files[k] = f
		}
	}
	sheet, err := x.firstSheet()
	if err != nil {
		return nil, err
	}
	var shared []string
	if _, ok := x.files["xl/sharedstrings.xml"]; ok {
		if shared, err = x.sharedStrings(); err != nil {
			return nil, err
		}
	}
	rows, nums, err := x.rows(sheet, shared)
	if err != nil {
		return nil, err
	}
	for len(rows) > 0 && blank(rows[0]) {
		rows, nums = rows[1:], nums[1:]
	}
	if len(rows) == 0 {
		return nil, Problem{File: name, Msg: "the first sheet is empty"}
	}
	// a title row or two may come before the header: the header is the
	// first of the first rows that names a term column
	for h := 0; h < len(rows) && h < xlsxHeaderRows; h++ {
		if hasTermColumn(rows[h], cols) {
			rows, nums = rows[h:], nums[h:]
			break
		}
	}
	r := &Result{Format: "sheet"}
	i := 0
	return rowsToTerms(name, rows[0], cols, sepCells(";|\n"), r, func() ([]string, int, error) {
		i++
		if i >= len(rows) {
			return nil, 0, io.EOF
		}
		return rows[i], nums[i], nil
	})
}

func hasTermColumn(row []string, cols Columns) bool {
	for _, h := range row {
		k := headerKey(h)
		if cols[k] == "name" || (cols[k] == "" && columns[k] == "name") {
			return true
		}
	}
	return false
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// open returns a reader of a part that fails once the part passes its
// allowance (ratio or the workbook's total).
func (x *xlsxPkg) open(part string) (io.ReadCloser, error) {
	f, ok := x.files[strings.ToLower(part)]
	if !ok {
		return nil, Problem{File: x.name, Msg: "not an XLSX workbook: no " + part}
	}
	allowed := int64(xlsxRatioFloor)
	if c := int64(f.CompressedSize64); c > 0 && c < xlsxMaxTotal && c*xlsxMaxRatio > allowed {
		allowed = c * xlsxMaxRatio
	}
	if left := xlsxMaxTotal - x.total; left < allowed {
		allowed = left
	}
	if f.UncompressedSize64 > uint64(allowed) {
		return nil, x.bomb(part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, Problem{File: x.name, Msg: part + ": " + err.Error()}
	}
	return &xlsxPart{x: x, rc: rc, left: allowed, part: part}, nil
}

func (x *xlsxPkg) bomb(part string) error {
	return Problem{File: x.name, Msg: fmt.Sprintf("%s inflates past the limits (%d:1, %d bytes in all): a zip bomb?", part, xlsxMaxRatio, xlsxMaxTotal)}
}

type xlsxPart struct {
	x    *xlsxPkg
	rc   io.ReadCloser
	left int64
	part string
}

func (p *xlsxPart) Read(b []byte) (int, error) {
	if int64(len(b)) > p.left+1 {
		b = b[:p.left+1]
	}
	n, err := p.rc.Read(b)
	p.x.total += int64(n)
	p.left -= int64(n)
	if p.left < 0 {
		return 0, p.x.bomb(p.part)
	}
	return n, err
}

func (p *xlsxPart) Close() error { return p.rc.Close() }

// decode calls fn on each start element of a part, with the decoder.
func (x *xlsxPkg) decode(part string, fn func(d *xml.Decoder, se xml.StartElement) error) error {
	rc, err := x.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pr Problem
			if errors.As(err, &pr) {
				return pr
			}
			return Problem{File: x.name, Msg: part + ": " + err.Error()}
		}
		if se, ok := tok.(xml.StartElement); ok {
			if err := fn(d, se); err != nil {
				var pr Problem
				if errors.As(err, &pr) {
					return pr
				}
				return Problem{File: x.name, Msg: part + ": " + err.Error()}
			}
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// firstSheet finds the part of the workbook's first sheet.
func (x *xlsxPkg) firstSheet() (string, error) {
	var id string
	err := x.decode("xl/workbook.xml", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local == "sheet" && id == "" {
			id = attr(se, "id")
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	target := ""
	if _, ok := x.files["xl/_rels/workbook.xml.rels"]; ok && id != "" {
		err = x.decode("xl/_rels/workbook.xml.rels", func(d *xml.Decoder, se xml.StartElement) error {
			if se.Name.Local == "Relationship" && attr(se, "Id") == id {
				target = attr(se, "Target")
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	if target == "" {
		return "xl/worksheets/sheet1.xml", nil
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/"), nil
	}
	return path.Join("xl", target), nil
}

// text reads the text of an element (its <t> children, not phonetic
// runs) up to its end.
func text(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth, in, skip := 1, false, 0
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "t":
				in = true
			case "rPh", "phoneticPr":
				skip++
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "t":
				in = false
			case "rPh", "phoneticPr":
				skip--
			}
		case xml.CharData:
			if in && skip == 0 && b.Len() < MaxSize {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}

func (x *xlsxPkg) sharedStrings() ([]string, error) {
	var out []string
	err := x.decode("xl/sharedStrings.xml", func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "si" {
			return nil
		}
		if len(out) >= xlsxMaxCells {
			return Problem{File: x.name, Msg: fmt.Sprintf("more than %d shared strings", xlsxMaxCells)}
		}
		s, err := text(d)
		out = append(out, s)
		return err
	})
	return out, err
}

// cell reads a cell up to its end: the text of its <v> and of its
// inline string's <t> (not phonetic runs).
func cell(d *xml.Decoder) (v, t string, err error) {
	var vb, tb strings.Builder
	depth, where, skip := 1, "", 0
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", "", err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch e.Name.Local {
			case "v", "t":
				where = e.Name.Local
			case "rPh", "phoneticPr":
				skip++
			}
		case xml.EndElement:
			depth--
			switch e.Name.Local {
			case "v", "t":
				where = ""
			case "rPh", "phoneticPr":
				skip--
			}
		case xml.CharData:
			switch {
			case skip > 0:
			case where == "v" && vb.Len() < MaxSize:
				vb.Write(e)
			case where == "t" && tb.Len() < MaxSize:
				tb.Write(e)
			}
		}
	}
	return vb.String(), tb.String(), nil
}

// colIndex is the 0-based column of a cell reference ("C7" -> 2), or -1.
func colIndex(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if c >= 'A' && c <= 'Z' {
			n = n*26 + int(c-'A'+1)
			if n > xlsxMaxColumn {
				return -1
			}
			continue
		}
		break
	}
	return n - 1
}

// rows reads a sheet's cells into rows (with their row numbers).
func (x *xlsxPkg) rows(part string, shared []string) ([][]string, []int, error) {
	var rows [][]string
	var nums []int
	cells := 0
	err := x.decode(part, func(d *xml.Decoder, se xml.StartElement) error {
		switch se.Name.Local {
		case "row":
			n, err := strconv.Atoi(attr(se, "r"))
			if err != nil || n <= 0 {
				n = len(rows) + 1
				if len(nums) > 0 {
					n = nums[len(nums)-1] + 1
				}
			}
			rows, nums = append(rows, nil), append(nums, n)
		case "c":
			if len(rows) == 0 {
				return nil
			}
			if cells++; cells > xlsxMaxCells {
				return Problem{File: x.name, Msg: fmt.Sprintf("more than %d cells", xlsxMaxCells)}
			}
			v, t, err := cell(d)
			if err != nil {
				return err
			}
			switch attr(se, "t") {
			case "s":
				i, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || i < 0 || i >= len(shared) {
					return Problem{File: x.name, Line: nums[len(nums)-1], Msg: fmt.Sprintf("cell %s names shared string %q, which the workbook does not have", attr(se, "r"), v)}
				}
				v = shared[i]
			case "inlineStr":
				v = t
			}
			row := &rows[len(rows)-1]
			col := colIndex(attr(se, "r"))
			if col < 0 {
				col = len(*row)
			}
			if col > len(*row) {
				if cells += col - len(*row); cells > xlsxMaxCells {
					return Problem{File: x.name, Msg: fmt.Sprintf("more than %d cells", xlsxMaxCells)}
				}
			}
			for len(*row) < col {
				*row = append(*row, "")
			}
			if col < len(*row) {
				(*row)[col] = v
			} else {
				*row = append(*row, v)
			}
		}
		return nil
	})
	return rows, nums, err
}
