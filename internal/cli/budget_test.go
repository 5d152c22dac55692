package cli

import (
	"fmt"
	"strings"
	"testing"
)

// The per-file budget (content.Budget; limits.max_file_memory, max_work,
// max_regex_work): a file over it gets input/too-large naming the key,
// the work on it stops, and the run goes on (the normal file's finding,
// exit 1), with a bounded heap.

// Config patterns within the size caps, matched over a 1 MB page whose
// every paragraph triggers them: the regular-expression budget stops the
// matching (the disclaimers.when row, inside max_regex_size).
func TestBudgetRegexWork(t *testing.T) {
	var cfg strings.Builder
	cfg.WriteString("version: 1\ndisclaimers:\n")
	for i := range 60 {
		fmt.Fprintf(&cfg, "  - id: d%d\n    text: Terms apply %d.\n    when: ['roadmap[a-z]{1,200}x{1,40}%d']\n", i, i, i)
	}
	page := genRepeat("", strings.Repeat("abcdefghij ", 9)+"roadmap\n\n", 10_000, "")
	r := runHostile(t, map[string][]byte{"msglint.yaml": []byte(cfg.String()), "page.md": page, "normal.md": []byte(normalMD)})
	r.requireRunGoesOn(t)
	r.requireFinding(t, "input/too-large", "page.md", "regular-expression work budget")
	r.requireFinding(t, "input/too-large", "page.md", "raise limits.max_regex_work")
	r.requireHeapUnder(t, 256)
}

// Work and memory: the budget holds for every format, at the limits the
// config sets.
func TestBudgetFromConfig(t *testing.T) {
	para := "Plain words in a paragraph of a page.\n\n"
	for _, tc := range []struct {
		name, limits, file string
		src                []byte
		want               string
	}{
		{"markdown work", "max_work: 1000000", "page.md", genRepeat("", para, 20_000, ""), "raise limits.max_work"},
		{"findings memory", "max_file_memory: 100000", "page.md", genRepeat("", "Our best-in-class product. ", 20_000, ""), "raise limits.max_file_memory"},
		{"text work", "max_work: 100000", "page.txt", genRepeat("", para, 20_000, ""), "raise limits.max_work"},
		{"html work", "max_work: 1000000", "page.html", genRepeat("<html><body>", "<p>Plain <b>words</b>.</p>\n", 100_000, ""), "raise limits.max_work"},
		{"docx work", "max_work: 1000000", "bomb.docx", genDOCXBomb(t, 200_000), "raise limits.max_work"},
		{"docx memory", "max_file_memory: 1000000", "bomb.docx", genDOCXBomb(t, 200_000), "raise limits.max_file_memory"},
		{"rules work", "max_work: 10000000", "page.md", genRepeat("", "A short paragraph.\n\n", 20_000, ""), "raise limits.max_work"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := "version: 1\nlimits:\n  " + tc.limits + "\n"
			r := runHostile(t, map[string][]byte{"msglint.yaml": []byte(cfg), tc.file: tc.src, "normal.md": []byte(normalMD)})
			r.requireRunGoesOn(t)
			r.requireFinding(t, "input/too-large", tc.file, tc.want)
			r.requireHeapUnder(t, 256)
		})
	}
}
