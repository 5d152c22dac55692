package glossary

import (
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
