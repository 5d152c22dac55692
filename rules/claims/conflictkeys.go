package claims

import (
	"sort"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// conflictKeys mask the figure of a statement: up to three content words
// before it and up to three after it within its clause, each side a key
// of its own, with the unit and any period or percentile qualifier of the
// sentence (per month, p95) added.
func conflictKeys(c *compiled, text string, toks []match.Token, fw *lint.Words, qu Figure) []string {
	unit := qu.Num.Unit.String() + qu.Num.Currency
	if qu.unitWord != "" {
		unit += ":" + qu.unitWord
	}
	var quals []string
	first, last := -1, -1
	for i := qu.tokLo; i < qu.tokHi; i++ {
		t := toks[i]
		if int(t.Start) >= qu.Start && int(t.Start) < qu.End {
			if first < 0 {
				first = i
			}
			last = i
			continue
		}
		if periodWords[string(fw.Word(i))] && string(fw.Word(i)) != qu.unitWord {
			quals = append(quals, periodKey(string(fw.Word(i))))
		}
		if toks[i].Flags&match.FlagDigit != 0 && toks[i].Flags&match.FlagPathLike == 0 && isLabelNumber(text, toks, fw, i) {
			// other numbers of the sentence are labels: "Zone 2", "Tier 3"
			quals = append(quals, "#"+string(fw.Word(i)))
		}
	}
	if first < 0 {
		return nil
	}
	sort.Strings(quals)
	quals = compact(quals)
	content := func(i int) bool {
		w := fw.Word(i)
		t := toks[i]
		// other numbers stay literal: "Zone 2" and "Zone 3" are different statements
		return !keyStop[string(w)] && !c.ours[string(w)] && !periodWords[string(w)] && string(w) != qu.unitWord && t.Flags&match.FlagPathLike == 0
	}
	clauseBreak := func(a, b int) bool { // text between token ends a and start b
		return strings.ContainsAny(text[a:b], ",;:()—–\uFFFC")
	}
	var before, after []string
	prevStart := qu.Start
	for i := first - 1; i >= 0 && len(before) < 3; i-- {
		t := toks[i]
		if int(t.Start) < qu.SentStart || clauseBreak(int(t.End), prevStart) {
			break
		}
		prevStart = int(t.Start)
		if content(i) {
			before = append(before, string(fw.Word(i)))
		}
	}
	prevEnd := qu.End
	for i := last + 1; i < len(toks) && len(after) < 3; i++ {
		t := toks[i]
		if int(t.Start) >= qu.SentEnd || clauseBreak(prevEnd, int(t.Start)) {
			break
		}
		prevEnd = int(t.End)
		if content(i) {
			after = append(after, string(fw.Word(i)))
		}
	}
	q := strings.Join(quals, ",")
	var keys []string
	if len(before) >= 2 {
		for l, r := 0, len(before)-1; l < r; l, r = l+1, r-1 {
			before[l], before[r] = before[r], before[l]
		}
		keys = append(keys, "B|"+unit+"|"+strings.Join(before, " ")+"|"+q)
	}
	if len(after) >= 2 {
		keys = append(keys, "A|"+unit+"|"+strings.Join(after, " ")+"|"+q)
	}
	return keys
}

// periodKey normalises period words: "monthly", "month", "months" are one period.
func periodKey(w string) string {
	switch {
	case strings.HasPrefix(w, "month"):
		return "month"
	case strings.HasPrefix(w, "year"), strings.HasPrefix(w, "annual"):
		return "year"
	case strings.HasPrefix(w, "week"):
		return "week"
	case strings.HasPrefix(w, "day"), w == "daily":
		return "day"
	case strings.HasPrefix(w, "quarter"):
		return "quarter"
	case strings.HasPrefix(w, "hour"):
		return "hour"
	}
	return w
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// isLabelNumber reports a number without a unit ("Zone 2", "Tier 3"), as
// opposed to another figure of the sentence ("from 100 hours to 50 hours").
func isLabelNumber(text string, toks []match.Token, fw *lint.Words, i int) bool {
	start := int(toks[i].Start)
	if i > 0 && toks[i-1].End == toks[i].Start-1 && (text[start-1] == '.' || text[start-1] == ',') {
		return false // inside a figure: 1,200 or 1.5
	}
	var buf []byte
	q, ok := quantityAt(text, toks, i, &buf)
	if !ok {
		return true
	}
	if q.Num.Unit != Count || q.UnitWord != "" || q.Start < start {
		return false
	}
	for k := i + 1; k < len(toks); k++ {
		if int(toks[k].Start) < q.End {
			continue
		}
		w := fw.Word(k)
		return !(timeNouns[string(w)] || socialNouns[string(w)] || unitNouns[string(w)])
	}
	return true
}
