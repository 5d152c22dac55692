package glossary

import (
	"os"
	"strings"
	"testing"
)

// check holds what every reader promises, whatever the input: no panic,
// every term named, no entry with a line break, problems with a file.
func check(t *testing.T, r *Result, err error) {
	if err != nil {
		if !strings.HasPrefix(err.Error(), "f") {
			t.Fatalf("error without the file name: %v", err)
		}
		return
	}
	for _, tm := range r.Terms {
		if tm.Name == "" || strings.ContainsAny(tm.Name, "\n\r") {
			t.Fatalf("bad term name %q", tm.Name)
		}
		for _, v := range append(append([]string{}, tm.Variants...), tm.Deprecated...) {
			if v == "" || v == tm.Name {
				t.Fatalf("bad form %q of %q", v, tm.Name)
			}
		}
	}
	for _, p := range r.Problems {
		if p.File == "" || p.Line < 0 {
			t.Fatalf("bad problem %+v", p)
		}
	}
}

func FuzzSheet(f *testing.F) {
	f.Add([]byte("Term,Variants,Avoid,Note,Kind\nAcme,ACME;Acme Inc,acme,our name,product\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadSheet("f.csv", data)
		check(t, r, err)
	})
}

func FuzzVocab(f *testing.F) {
	f.Add([]byte("# comment\nAcme\n[Aa]cme\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, reject bool) {
		check(t, ReadVocab("f.txt", data, reject), nil)
	})
}

func FuzzSwap(f *testing.F) {
	f.Add([]byte("extends: substitution\nswap:\n  Acme cloud: Acme Cloud\n  '(?:a|b)': c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadSwap("f.yml", data)
		check(t, r, err)
	})
}

func FuzzPrh(f *testing.F) {
	f.Add([]byte("rules:\n  - expected: Acme\n    patterns: [ACME, /ac+me/]\n    specs:\n      - from: ACME\n        to: Acme\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadPrh("f.yml", data)
		check(t, r, err)
	})
}

func FuzzXLSX(f *testing.F) {
	for _, seed := range []string{"testdata/terms.xlsx"} {
		data, err := os.ReadFile(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(xlsx(f, `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Avoid</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3</v></c></row></sheetData></worksheet>`,
		`<sst><si><t>Term</t></si><si><r><t>Acme</t></r></si></sst>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadXLSX("f.xlsx", data, nil)
		check(t, r, err)
	})
}

func FuzzColumns(f *testing.F) {
	f.Add("Approved spelling=term, Bad forms=avoid", "Approved spelling,Bad forms\nAcme,ACME\n")
	f.Add("Type=skip,Word=term", "Word;Type\nAcme;product\n")
	f.Fuzz(func(t *testing.T, spec, sheet string) {
		cols, err := ParseColumns(spec)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--columns: pair ") {
				t.Fatalf("error without its position: %v", err)
			}
			return
		}
		for h, role := range cols {
			if h == "" || (role != "skip" && roles[role] == "" && role != "name" && role != "deprecated") {
				t.Fatalf("bad mapping %q -> %q", h, role)
			}
		}
		r, err := ReadSheetColumns("f.csv", []byte(sheet), cols)
		check(t, r, err)
	})
}

func FuzzValeIni(f *testing.F) {
	data, err := os.ReadFile("testdata/vale/.vale.ini")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("StylesPath = \"a b\"\nVocab = A,,B\n[*]\nBasedOnStyles = ../x, Acme\nAcme.Rule = NO\nbroken line\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v := ParseValeIni("f.ini", data)
		for _, r := range append(append([]Ref{}, v.Vocabs...), v.Styles...) {
			if r.Name == "" || r.Line < 1 || strings.ContainsAny(r.Name, `/\`) || r.Name == ".." {
				t.Fatalf("bad reference %+v", r)
			}
		}
		for _, p := range v.Problems {
			if p.File != "f.ini" || p.Line < 1 {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

func FuzzMarkdownGlossary(f *testing.F) {
	f.Add([]byte("## Products\n\n| Term | Also written | Don't use | Notes |\n| --- | --- | --- | --- |\n| **Acme** | | \"ACME\" or `acme.io` | [ours](https://a.test) |\n| **B** | | |\n| a\\|b<br>c | x, y or z | w (n) | |\n"))
	if data, err := os.ReadFile("testdata/glossary.md"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadMarkdown("f.md", data, nil)
		check(t, r, err)
	})
}
