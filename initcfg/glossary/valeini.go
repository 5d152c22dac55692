package glossary

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"
)

// ValeIni is what init needs of a .vale.ini: where the styles are, the
// vocabularies it uses and the styles it turns on, each with its line.
type ValeIni struct {
	StylesPath     string
	StylesPathLine int
	Vocabs         []Ref
	Styles         []Ref // BasedOnStyles, and styles of rules set on (Acme.Terms = YES)
	Problems       []Problem
}

// Ref is a name in a .vale.ini and its line.
type Ref struct {
	Name string
	Line int
}

// valeBuiltin are the styles Vale ships: they hold no team glossary.
var valeBuiltin = map[string]bool{"vale": true}

// IsValeIni reports whether a file is a Vale configuration: named
// .vale.ini or _vale.ini, or an .ini file that sets StylesPath.
func IsValeIni(name string, data []byte) bool {
	base := strings.ToLower(filepath.Base(name))
	if base == ".vale.ini" || base == "_vale.ini" || base == "vale.ini" {
		return true
	}
	return filepath.Ext(base) == ".ini" && bytes.Contains(data, []byte("StylesPath"))
}

// ParseValeIni reads a .vale.ini: the global StylesPath and Vocab, and
// the BasedOnStyles and `Style.Rule = YES` lines of every section. Lines
// it cannot read are Problems; keys it does not need are ignored.
func ParseValeIni(name string, data []byte) *ValeIni {
	v := &ValeIni{}
	seenStyle, seenVocab := map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if line == 1 {
			l = strings.TrimPrefix(l, "\ufeff")
		}
		if l == "" || l[0] == '#' || l[0] == ';' || (l[0] == '[' && strings.HasSuffix(l, "]")) {
			continue
		}
		k, val, ok := strings.Cut(l, "=")
		if !ok {
			v.Problems = append(v.Problems, Problem{name, line, "not KEY = VALUE: skipped"})
			continue
		}
		k, val = strings.TrimSpace(k), strings.Trim(strings.TrimSpace(val), `"'`)
		switch {
		case strings.EqualFold(k, "StylesPath"):
			v.StylesPath, v.StylesPathLine = val, line
		case strings.EqualFold(k, "Vocab"):
			for _, n := range splitList(val) {
				if !seenVocab[n] {
					seenVocab[n] = true
					v.Vocabs = append(v.Vocabs, Ref{n, line})
				}
			}
		case strings.EqualFold(k, "BasedOnStyles"):
			for _, n := range splitList(val) {
				if !seenStyle[n] && !valeBuiltin[strings.ToLower(n)] {
					seenStyle[n] = true
					v.Styles = append(v.Styles, Ref{n, line})
				}
			}
		case strings.Contains(k, ".") && !strings.ContainsAny(k, "/\\*{}") && !strings.EqualFold(val, "NO"):
			n, _, _ := strings.Cut(k, ".")
			if n != "" && !seenStyle[n] && !valeBuiltin[strings.ToLower(n)] {
				seenStyle[n] = true
				v.Styles = append(v.Styles, Ref{n, line})
			}
		}
	}
	if err := sc.Err(); err != nil {
		v.Problems = append(v.Problems, Problem{name, line + 1, err.Error()})
	}
	return v
}

// splitList splits a Vale list value ("Acme, Base").
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !strings.ContainsAny(p, `/\`) && p != "." && p != ".." {
			out = append(out, p)
		}
	}
	return out
}

// Substitution reports whether a Vale rule file is a substitution rule
// with a swap: map.
func Substitution(data []byte) bool {
	return yamlKey(data, "swap") && bytes.Contains(data, []byte("substitution"))
}
