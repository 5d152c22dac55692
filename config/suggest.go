package config

import "strings"

// suggest returns the candidate closest to s, or "" when none is close
// enough to be a plausible misspelling. Distance is optimal string
// alignment (Damerau-Levenshtein with adjacent transpositions), computed
// case-insensitively with '-' and '_' treated alike.
func suggest(s string, candidates []string) string {
	norm := func(x string) string { return strings.ReplaceAll(strings.ToLower(x), "-", "_") }
	ns := norm(s)
	best, bestD := "", -1
	for _, c := range candidates {
		d := osaDistance(ns, norm(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > maxDistance(len([]rune(s))) {
		return ""
	}
	return best
}

// maxDistance is how many edits a misspelling of a word of n runes may have.
func maxDistance(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	case n <= 10:
		return 2
	}
	return 3
}

// didYouMean formats a suggestion suffix: ` (did you mean "x"?)` or "".
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" && c != s {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// osaDistance is the optimal string alignment distance between a and b.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		// Not a misspelling of a key; avoid quadratic work on junk.
		if a == b {
			return 0
		}
		return max(len(ra), len(rb))
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to s
// when it is a plausible misspelling, or "". The command line uses it for
// commands and rule ids as the loader does for keys.
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }
