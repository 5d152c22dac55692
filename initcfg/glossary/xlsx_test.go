package glossary

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testdata/terms.xlsx was written by openpyxl the way a marketing team
// keeps a sheet: a title row, a blank row, a bold header with unusual
// names, a cell with a line break, a row with no term, a number in a note
// and an unknown type; a second sheet is not read.
func TestReadXLSX(t *testing.T) {
	data, err := os.ReadFile("testdata/terms.xlsx")
	require.NoError(t, err)
	r, err := Read("terms.xlsx", data)
	require.NoError(t, err)
	f := "terms.xlsx"
	require.Equal(t, []Term{
		{Name: "Zentrio", Kind: "product", Variants: []string{"zentrio"}, Deprecated: []string{"ZenTrio", "Zen Trio"}, Note: "Our company name", File: f, Line: 4},
		{Name: "Zentrio Relay", Kind: "product", Deprecated: []string{"Relay", "Zentrio relay"}, Note: "Product, launched 2024", File: f, Line: 5},
		{Name: "PagerDuty", Kind: "term", Variants: []string{"Pagerduty", "Pager Duty"}, Note: "Partner", File: f, Line: 6},
		{Name: "DuckDuckGo", Variants: []string{"Duck Duck Go"}, Note: "2024", File: f, Line: 9},
	}, r.Terms)
	require.Equal(t, []string{"terms.xlsx:8: a row with no term",
		`terms.xlsx:9: kind "search engine" is none of product, feature, term: imported without a kind`}, problems(r))
}

// xlsx builds a workbook with shared strings, as Excel writes them.
func xlsx(t testing.TB, sheet, sharedStrings string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range map[string]string{
		"xl/workbook.xml":            `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Glossary" sheetId="1" r:id="rId7"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId7" Target="/xl/worksheets/glossary.xml"/></Relationships>`,
		"xl/worksheets/glossary.xml": sheet,
		"xl/sharedStrings.xml":       sharedStrings,
	} {
		fw, err := w.Create(name)
		require.NoError(t, err)
		_, err = fw.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return b.Bytes()
}

func TestReadXLSXSharedStrings(t *testing.T) {
	sst := `<sst><si><t>Preferred</t></si><si><r><t>Bad </t></r><r><t>forms</t></r></si><si><t>Acme Cloud</t><rPh><t>アクメ</t></rPh></si><si><t>AcmeCloud</t></si></sst>`
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" t="s"><v>3</v></c></row>` +
		`<row r="5"><c r="A5" t="s"><v>9</v></c></row></sheetData></worksheet>`
	cols, err := ParseColumns("Bad forms=avoid")
	require.NoError(t, err)
	r, err := ReadWith("g.xlsx", xlsx(t, sheet, sst), Options{Columns: cols})
	require.Error(t, err) // row 5 names a shared string that does not exist
	require.EqualError(t, err, `g.xlsx:5: cell A5 names shared string "9", which the workbook does not have`)
	sheet = strings.Replace(sheet, "<v>9</v>", "<v>0</v>", 1)
	r, err = ReadWith("g.xlsx", xlsx(t, sheet, sst), Options{Columns: cols})
	require.NoError(t, err)
	require.Equal(t, []Term{
		{Name: "Acme Cloud", Deprecated: []string{"AcmeCloud"}, File: "g.xlsx", Line: 2},
		{Name: "Preferred", File: "g.xlsx", Line: 5},
	}, r.Terms)
}

func TestReadXLSXLimits(t *testing.T) {
	// a part that inflates 100,000 times
	big := "<worksheet><sheetData>" + strings.Repeat(" ", 8<<20) + "</sheetData></worksheet>"
	_, err := Read("bomb.xlsx", xlsx(t, big, "<sst/>"))
	require.ErrorContains(t, err, "bomb.xlsx: xl/worksheets/glossary.xml inflates past the limits")
	// a cell far to the right pads no million columns
	far := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Term</t></is></c><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>`
	r, err := Read("far.xlsx", xlsx(t, far, "<sst/>"))
	require.NoError(t, err)
	require.Empty(t, r.Terms)
	_, err = Read("x.xlsx", []byte("PK\x03\x04 not really"))
	require.ErrorContains(t, err, "x.xlsx: not a readable XLSX workbook (zip)")
}
