package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLimitsDecode(t *testing.T) {
	src := "limits:\n  max_file_size: 1000\n  max_zip_entries: 2\n  max_zip_total: 3\n  max_zip_ratio: 4\n  max_xml_depth: 5\n" +
		"  max_nesting_depth: 6\n  max_elements: 7\n  max_regex_size: 800\n  max_regex_total: 900\n"
	c, err := Parse("c.yaml", []byte(src), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{MaxFileSize: 1000, MaxZipEntries: 2, MaxZipTotal: 3, MaxZipRatio: 4, MaxXMLDepth: 5,
		MaxNestingDepth: 6, MaxElements: 7, MaxRegexSize: 800, MaxRegexTotal: 900}, c.Limits)
	assert.Equal(t, 800, c.Limits.RegexSize())

	c, err = Parse("c.yaml", []byte("version: 1\n"), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{}, c.Limits, "unset: the defaults apply")
	assert.Equal(t, DefaultMaxRegexSize, c.Limits.RegexSize())
	assert.Equal(t, DefaultMaxRegexTotal, c.Limits.RegexTotal())
}

func TestLimitsDecodePDF(t *testing.T) {
	src := "limits:\n  max_pdf_pages: 1\n  max_pdf_objects: 2\n  max_pdf_stream_bytes: 3\n  max_pdf_inflate_bytes: 4\n" +
		"  max_pdf_work: 5\n  pdf_timeout: 6\n"
	c, err := Parse("c.yaml", []byte(src), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{MaxPDFPages: 1, MaxPDFObjects: 2, MaxPDFStreamBytes: 3, MaxPDFInflateBytes: 4,
		MaxPDFWork: 5, PDFTimeout: 6}, c.Limits)
}

// The per-file budget's keys, and a later file replacing one of them.
func TestLimitsDecodeBudget(t *testing.T) {
	src := "limits:\n  max_file_memory: 1\n  max_work: 2\n  max_regex_work: 3\n  file_timeout: 4\n"
	c, err := Parse("c.yaml", []byte(src), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{MaxFileMemory: 1, MaxWork: 2, MaxRegexWork: 3, FileTimeout: 4}, c.Limits)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "base.yaml"), []byte("version: 1\n"+src), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte("version: 1\nextends: [base.yaml]\nlimits:\n  max_work: 20\n"), 0o644))
	c, err = Load(filepath.Join(dir, "msglint.yaml"), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{MaxFileMemory: 1, MaxWork: 20, MaxRegexWork: 3, FileTimeout: 4}, c.Limits)
}

func TestLimitsErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"limits:\n  max_elements: 0\n", `c.yaml:2:17: limits.max_elements must be a positive integer, got 0`},
		{"limits:\n  max_nesting_depth: -3\n", `c.yaml:2:22: limits.max_nesting_depth must be a positive integer, got -3`},
		{"limits:\n  max_file_size: 50MB\n", `c.yaml:2:18: "max_file_size": expected an integer, got a string ("50MB")`},
		{"limits:\n  max_elemnts: 3\n", `c.yaml:2:3: unknown key "max_elemnts" (did you mean "max_elements"?)`},
		{"limits: 3\n", `c.yaml:1:9: "limits": expected a mapping, got an integer (3)`},
	} {
		_, err := Parse("c.yaml", []byte(tc.src), LoadOptions{})
		require.Error(t, err, tc.src)
		assert.Equal(t, []string{tc.want}, firstLines(err))
	}
}

func TestProgramSize(t *testing.T) {
	assert.Equal(t, 11, ProgramSize(`(?i)\broadmap\b`))
	assert.Equal(t, 4000, ProgramSize(`[a-z]{1,1000}x{1,1000}`))
	assert.Equal(t, 0, ProgramSize(`(`))
}

func TestPatternSizeLimits(t *testing.T) {
	big := `'[a-z]{1,1000}x{1,1000}'`
	for _, tc := range []struct{ src, want string }{
		{"forbidden:\n  - pattern: " + big + "\n",
			`c.yaml:2:14: forbidden: the pattern compiles to 4000 instructions, over the limit of 1000 (simplify it, or raise limits.max_regex_size: 1000)`},
		{"claims:\n  - id: a\n    pattern: " + big + "\n",
			`c.yaml:3:14: claim "a": the pattern compiles to 4000 instructions, over the limit of 1000 (simplify it, or raise limits.max_regex_size: 1000)`},
		{"disclaimers:\n  - id: d\n    text: T\n    when: [" + big + "]\n",
			`c.yaml:4:12: disclaimer "d": the pattern compiles to 4000 instructions, over the limit of 1000 (simplify it, or raise limits.max_regex_size: 1000)`},
		// the limit may come after the pattern
		{"forbidden:\n  - pattern: " + big + "\nlimits: {max_regex_size: 3999}\n",
			`c.yaml:2:14: forbidden: the pattern compiles to 4000 instructions, over the limit of 3999 (simplify it, or raise limits.max_regex_size: 3999)`},
		{"limits: {max_regex_total: 20}\nforbidden:\n  - pattern: 'roadmap'\n  - pattern: 'coming soon'\n  - pattern: 'beta'\n",
			`c.yaml:4:14: forbidden: the config's patterns compile to more than 20 instructions in all (simplify them, or raise limits.max_regex_total: 20)`},
	} {
		_, err := Parse("c.yaml", []byte(tc.src), LoadOptions{})
		require.Error(t, err, tc.src)
		assert.Equal(t, []string{tc.want}, firstLines(err))
	}
	_, err := Parse("c.yaml", []byte("forbidden:\n  - pattern: "+big+"\nlimits: {max_regex_size: 4000}\n"), LoadOptions{})
	require.NoError(t, err)
}

// limits: keys merge one by one across extends; the main file's limits
// apply to the patterns of every file.
func TestLimitsExtends(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		return p
	}
	write("base.yaml", "limits:\n  max_elements: 10\n  max_nesting_depth: 20\nforbidden:\n  - pattern: '[a-z]{1,600}'\n")
	main := write("msglint.yaml", "extends: [base.yaml]\nlimits:\n  max_nesting_depth: 30\n  max_regex_size: 2000\n")
	c, err := Load(main, LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Limits{MaxElements: 10, MaxNestingDepth: 30, MaxRegexSize: 2000}, c.Limits)

	main = write("msglint.yaml", "extends: [base.yaml]\n")
	_, err = Load(main, LoadOptions{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(firstLines(err)[0], filepath.Join(dir, "base.yaml")+":5:14: forbidden: the pattern compiles to 1201 instructions"), firstLines(err)[0])
}
