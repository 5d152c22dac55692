package claims

import (
	"regexp"
	"unsafe"

	"github.com/msglint/msglint/content"
)

// The match lists of a pattern over a block grow with the block, and
// regexp makes them before anyone can charge them: they are asked for
// within the file's memory budget (content.Budget.Room) and charged when
// they come back, so a block whose matches the budget cannot hold stops
// the file (input/too-large) with at most the budget's room allocated.

// findAll is re.FindAllStringIndex(text, -1) within budget; the caller
// frees the charge (n bytes) when it is done with the list.
func findAll(budget *content.Budget, re *regexp.Regexp, text string) (ms [][]int, n int) {
	return findAllWith(budget, matchBytes(1), func(limit int) [][]int { return re.FindAllStringIndex(text, limit) })
}

// findAllSubmatch is re.FindAllStringSubmatchIndex(text, -1) within
// budget, each match charged extra bytes too (what the caller keeps of
// it); the caller frees n bytes when it is done with the list.
func findAllSubmatch(budget *content.Budget, re *regexp.Regexp, text string, extra int) (ms [][]int, n int) {
	return findAllWith(budget, matchBytes(re.NumSubexp()+1)+extra, func(limit int) [][]int { return re.FindAllStringSubmatchIndex(text, limit) })
}

func findAllWith(budget *content.Budget, each int, find func(limit int) [][]int) ([][]int, int) {
	limit := -1
	if room := budget.Room(); room >= 0 {
		limit = int(room/int64(each)) + 1 // one more than fits: over budget
	}
	ms := find(limit)
	n := len(ms) * each
	budget.Alloc(n)
	return ms, n
}

// matchBytes is what one match of a list costs with groups pairs of
// indexes: the indexes, and its slice header in the list (twice: the list
// grows by doubling).
func matchBytes(groups int) int {
	return 2*groups*int(unsafe.Sizeof(int(0))) + 2*int(unsafe.Sizeof([]int(nil)))
}
