package driver

import (
	"sort"

	"github.com/msglint/msglint/lint"
)

// SortFindings orders findings by path, line, column, rule, message.
func SortFindings(ds []lint.Finding) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := &ds[i], &ds[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Loc != b.Loc {
			return locLess(a.Loc, b.Loc)
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Match < b.Match
	})
}

// locLess orders "slide 2" before "slide 10" and "slide 2" before "slide 2 notes".
func locLess(a, b string) bool {
	na, ra := splitLoc(a)
	nb, rb := splitLoc(b)
	if ra[0] != rb[0] {
		return a < b
	}
	if na != nb {
		return na < nb
	}
	return a < b
}

func splitLoc(s string) (int, [2]string) {
	var word, rest string
	n := 0
	i := 0
	for i < len(s) && s[i] != ' ' {
		i++
	}
	word = s[:i]
	j := i + 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		n = n*10 + int(s[j]-'0')
		j++
	}
	if j < len(s) {
		rest = s[j:]
	}
	return n, [2]string{word, rest}
}
