package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr[T any](v T) *T { return &v }

// TestLoadSpecExample loads docs/config.md's complete example verbatim.
func TestLoadSpecExample(t *testing.T) {
	const file = "testdata/spec.yaml"
	c, err := Load(file, LoadOptions{})
	require.NoError(t, err)
	at := func(line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	gl := "testdata/glossary/products.yaml"

	assert.Equal(t, file, c.Path)
	assert.Equal(t, "testdata", c.Dir)
	assert.Equal(t, 1, c.Version)
	assert.True(t, c.DefaultsOn())
	assert.Equal(t, []string{"**/*.{md,mdx,html,pptx,docx,pdf}"}, c.Include)
	assert.Equal(t, []string{"drafts/**"}, c.Exclude)
	assert.Equal(t, []string{gl}, c.Glossary)
	assert.Equal(t, []Pos{at(4, 12)}, c.GlossaryPos)
	assert.Empty(t, c.Extends)
	assert.Equal(t, []string{gl, file}, c.Files)
	assert.Equal(t, DefaultFrontMatter, c.FrontMatter)

	require.Len(t, c.Terms, 2)
	// Glossary-file terms come first, then the inline ones.
	assert.Equal(t, "Acme Insights", c.Terms[0].Name)
	assert.Equal(t, Pos{File: gl, Line: 2, Col: 5}, c.Terms[0].Pos)
	assert.Equal(t, Term{
		Name:          "Acme CloudSync",
		Kind:          KindProduct,
		ID:            "cloudsync",
		Variants:      []string{"CloudSync", "Acme Cloud Sync"},
		Deprecated:    []string{"SyncBox"},
		CaseSensitive: ptr(true),
		Trademark:     "®",
		Note:          "Two words; never abbreviate.",
		Examples: Examples{
			Bad: []string{"Try CloudSync today"}, Good: []string{"Try Acme CloudSync today"},
			BadPos: []Pos{at(15, 13)}, GoodPos: []Pos{at(16, 14)},
		},
		Pos:           at(6, 5),
		VariantsPos:   []Pos{at(9, 16), at(9, 27)},
		DeprecatedPos: []Pos{at(10, 18)},
	}, c.Terms[1])
	assert.True(t, c.Terms[1].IsCaseSensitive())

	assert.Equal(t, []Claim{{
		ID:          "win-rate",
		Text:        "38% higher sales win rates",
		Pattern:     `(\d+(?:\.\d+)?)\s*(?:%|percent) higher (?:sales )?win rates?`,
		Value:       ptr(38.0),
		Source:      "HubSpot, 2020",
		Citation:    "required",
		Expires:     "2027-06-30",
		Products:    []string{"cloudsync"},
		Pos:         at(18, 5),
		ProductsPos: []Pos{at(25, 16)},
	}}, c.Claims)
	assert.Equal(t, []Disclaimer{{
		ID:   "forward-looking",
		When: []string{`\broadmap\b`, `\bcoming soon\b`},
		Text: "Features on the roadmap are subject to change.",
		Pos:  at(27, 5),
	}}, c.Disclaimers)
	assert.Equal(t, []string{"Globex", "Initech"}, c.Competitors)
	assert.Equal(t, []Forbidden{
		{Phrase: "best-in-class", Message: "Superlative without substantiation.", Pos: at(32, 5)},
		{Pattern: `\bguarantee[sd]?\b`, Severity: "warning", Pos: at(34, 5)},
	}, c.Forbidden)

	assert.Equal(t, DefaultStages, c.Funnel.Stages)
	assert.Equal(t, map[string][]string{"awareness": {"blog/**"}, "decision": {"customers/**", "sales/decks/**"}}, c.Funnel.Paths)
	assert.Equal(t, []string{"awareness", "decision"}, c.Funnel.PathOrder)
	assert.Empty(t, c.Funnel.Signals)

	assert.Equal(t, []string{"marketing", "sales", "enablement"}, c.TeamOrder)
	assert.Equal(t, []string{"sales/**"}, c.Teams["sales"])
	assert.Equal(t, []string{"smb", "enterprise"}, c.AudienceOrder)
	assert.Equal(t, []string{"enterprise", "Fortune 500", "global teams"}, c.Audiences["enterprise"])
	assert.Equal(t, []string{"price", "security"}, c.ObjectionOrder)
	assert.Equal(t, []string{"security", "SOC 2", "compliance"}, c.Objections["security"])
	assert.Equal(t, Coverage{Min: 1, Severity: "warning", MinConfidence: DefaultMinConfidence}, c.Coverage)
	assert.Equal(t, map[string]string{"claims/unregistered-statistic": "info"}, c.Rules)
	assert.Equal(t, []Override{{Files: []string{"legal/**"}, Rules: map[string]string{"claims": "off"}, RuleOrder: []string{"claims"}, Pos: at(58, 5)}}, c.Overrides)
	assert.Equal(t, HTML{Ignore: []string{"nav", "footer"}}, c.HTML)

	p, ok := c.KeyPos("coverage.min")
	assert.True(t, ok)
	assert.Equal(t, at(53, 3), p)
	p, ok = c.KeyPos("funnel.paths.decision")
	assert.True(t, ok)
	assert.Equal(t, at(40, 5), p)
	_, ok = c.KeyPos("defaults")
	assert.False(t, ok)

	// Every pattern compiles as documented.
	for _, cl := range c.Claims {
		re, err := CompilePattern(cl.Pattern, cl.CaseSensitive)
		require.NoError(t, err)
		assert.Equal(t, []string{"40% Higher win rates", "40"}, re.FindStringSubmatch("quotes 40% Higher win rates"))
	}
	_, err = time.Parse(time.DateOnly, c.Claims[0].Expires)
	assert.NoError(t, err)
}

func TestLoadExtends(t *testing.T) {
	const main = "testdata/extends/msglint.yaml"
	base := filepath.Join("testdata", "extends", "shared", "base.yaml")
	terms := filepath.Join("testdata", "extends", "shared", "terms.yaml")
	c, err := Load(main, LoadOptions{})
	require.NoError(t, err)

	assert.Equal(t, "testdata/extends", c.Dir)
	assert.Equal(t, []string{base}, c.Extends)
	assert.Equal(t, []Pos{{File: main, Line: 2, Col: 11}}, c.ExtendsPos)
	assert.Equal(t, []string{terms}, c.Glossary)
	assert.Equal(t, []string{terms, base, main}, c.Files)

	// Plain lists: replaced when set, inherited otherwise.
	assert.Equal(t, []string{"archive/**"}, c.Exclude)
	assert.Equal(t, []string{"Globex"}, c.Competitors)
	// Terms: the later entry replaces the earlier one in place.
	require.Len(t, c.Terms, 2)
	assert.Equal(t, "Acme CloudSync", c.Terms[0].Name)
	assert.Equal(t, []string{"CloudSync", "Cloud Sync"}, c.Terms[0].Variants)
	assert.Equal(t, Pos{File: main, Line: 5, Col: 5}, c.Terms[0].Pos)
	assert.Equal(t, "Acme Link", c.Terms[1].Name)
	assert.Equal(t, base, c.Terms[1].Pos.File)
	// Claims: by id.
	require.Len(t, c.Claims, 2)
	assert.Equal(t, "win-rate", c.Claims[0].ID)
	assert.Equal(t, 40.0, *c.Claims[0].Value)
	assert.Equal(t, "uptime", c.Claims[1].ID)
	assert.Len(t, c.Forbidden, 1)
	// Maps: key by key, base order first.
	assert.Equal(t, []string{"marketing", "sales", "enablement"}, c.TeamOrder)
	assert.Equal(t, map[string][]string{
		"marketing": {"site/**"}, "sales": {"sales/**", "decks/**"}, "enablement": {"enablement/**"},
	}, c.Teams)
	assert.Equal(t, map[string]string{"claims": "off", "naming/case": "error"}, c.Rules)
	assert.Equal(t, []string{"claims", "naming/case"}, c.RuleOrder)
	assert.Equal(t, []string{"awareness", "decision", "retention"}, c.Funnel.PathOrder)
	assert.Equal(t, []string{"pricing/**"}, c.Funnel.Paths["decision"])
	// Scalars: an explicit 0 overrides the base's 2.
	assert.Equal(t, 0, c.Coverage.Min)
	p, _ := c.KeyPos("coverage.min")
	assert.Equal(t, main, p.File)
	p, _ = c.KeyPos("teams.marketing")
	assert.Equal(t, base, p.File)
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"testdata/cycle/a.yaml", []string{`testdata/cycle/b.yaml:2:11: extends cycle: a.yaml -> b.yaml -> a.yaml`}},
		{"testdata/cycle/self.yaml", []string{`testdata/cycle/self.yaml:2:11: extends cycle: self.yaml -> self.yaml`}},
		{"testdata/bad/missing-extends.yaml", []string{`testdata/bad/missing-extends.yaml:2:11: cannot read extends file "testdata/bad/nowhere.yaml": no such file or directory`}},
		{"testdata/bad/missing-glossary.yaml", []string{`testdata/bad/missing-glossary.yaml:2:12: cannot read glossary file "testdata/bad/nowhere.yaml": no such file or directory`}},
		{"testdata/bad/glossary-error.yaml", []string{`testdata/bad/glossary-typo.yaml:3:5: unknown key "variantz" (did you mean "variants"?)`}},
		{"testdata/bad/glossary-dup.yaml", []string{`testdata/bad/glossary-dup.yaml:4:5: duplicate term "Acme Link" (first defined at testdata/bad/dup-terms.yaml:2)`}},
		{"testdata/bad/extends-error.yaml", []string{`testdata/bad/base-error.yaml:3:13: unknown severity "loud" (want error, warning, info or off)`}},
		{"testdata/bad/nothing-here.yaml", []string{`testdata/bad/nothing-here.yaml: cannot read config: no such file or directory`}},
		{"testdata/bad", []string{`testdata/bad: cannot read config: is a folder, not a regular file`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c, err := Load(tt.file, LoadOptions{})
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Equal(t, tt.want, firstLines(err))
		})
	}
}

func TestErrorSnippetFromOtherFile(t *testing.T) {
	_, err := Load("testdata/bad/glossary-error.yaml", LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, "testdata/bad/glossary-typo.yaml:3:5: unknown key \"variantz\" (did you mean \"variants\"?)\n"+
		"        variantz: [ACME]\n        ^^^^^^^^", err.Error())
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	c, err := Load("testdata/anchors.yaml", LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, c.Teams["marketing"], c.Teams["growth"])
	require.Len(t, c.Overrides, 2)
	assert.Equal(t, []string{"terms/**"}, c.Overrides[1].Files)
	assert.Equal(t, map[string]string{"claims": "off"}, c.Overrides[1].Rules)
}

func TestAliasBomb(t *testing.T) {
	// Exponential: nine levels of ten aliases. The typed decoder stops at
	// the first level (a team's globs cannot be lists), so it fails fast.
	var b strings.Builder
	b.WriteString("version: 1\ncompetitors: &a [x, x, x, x, x, x, x, x, x, x]\nteams:\n")
	prev := "a"
	for i := range 9 {
		name := string(rune('b' + i))
		b.WriteString("  " + name + ": &" + name + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	start := time.Now()
	_, err := Parse("bomb.yaml", []byte(b.String()), LoadOptions{})
	require.Error(t, err)
	assert.Less(t, time.Since(start), 2*time.Second)

	// Wide: one 1,000-item list aliased by 500 keys is 500,000 nodes
	// from a 10 KB file; the alias budget stops it.
	b.Reset()
	b.WriteString("competitors: &a [")
	for i := range 1000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("x")
	}
	b.WriteString("]\naudiences:\n")
	for i := range 500 {
		b.WriteString("  k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "_" + strconv.Itoa(i) + ": *a\n")
	}
	start = time.Now()
	_, err = Parse("wide.yaml", []byte(b.String()), LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too many alias expansions (more than 100000 nodes): refusing to load")
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestFileTooLarge(t *testing.T) {
	big := make([]byte, MaxFileSize+1)
	for i := range big {
		big[i] = '#'
	}
	_, err := Parse("big.yaml", big, LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, "big.yaml: file is larger than 10 MB", err.Error())

	dir := t.TempDir()
	p := filepath.Join(dir, "msglint.yaml")
	require.NoError(t, os.WriteFile(p, big, 0o644))
	_, err = Load(p, LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, p+": cannot read config: file is larger than 10 MB", err.Error())
}

func TestParseEmptyAndDefaults(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		c, err := Parse("dir/msglint.yaml", []byte(src), LoadOptions{})
		require.NoError(t, err, "%q", src)
		want := Default("dir")
		want.Path = "dir/msglint.yaml"
		assert.Equal(t, want, c)
	}
	d := Default(".")
	assert.Equal(t, 1, d.Version)
	assert.Equal(t, ".", d.Dir)
	assert.Empty(t, d.Path)
	assert.Equal(t, DefaultInclude, d.Include)
	assert.Equal(t, DefaultFrontMatter, d.FrontMatter)
	assert.Equal(t, DefaultStages, d.Funnel.Stages)
	assert.Equal(t, Coverage{Min: 1, Severity: "warning", MinConfidence: DefaultMinConfidence}, d.Coverage)
	assert.True(t, d.DefaultsOn())
	assert.Empty(t, d.Terms)
}

func TestParseValues(t *testing.T) {
	src := `defaults: false
front_matter: []
terms:
  - name: sync engine
  - name: Acme Flow
    kind: feature
    case_sensitive: false
funnel:
  stages: [tofu, mofu, bofu]
  signals:
    bofu: [pricing, {phrase: request a demo, weight: 3}, {phrase: free trial}]
coverage:
  min: 0
  severity: error
  min_confidence: 0.8
`
	c, err := Parse("m.yaml", []byte(src), LoadOptions{})
	require.NoError(t, err)
	assert.False(t, c.DefaultsOn())
	assert.Empty(t, c.FrontMatter, "an explicit empty list is kept")
	assert.Equal(t, KindTerm, c.Terms[0].Kind)
	assert.False(t, c.Terms[0].IsCaseSensitive())
	assert.False(t, c.Terms[1].IsCaseSensitive())
	assert.Equal(t, []string{"tofu", "mofu", "bofu"}, c.Funnel.Stages)
	assert.Equal(t, []Signal{{"pricing", 1}, {"request a demo", 3}, {"free trial", 1}}, c.Funnel.Signals["bofu"])
	assert.Equal(t, []string{"bofu"}, c.Funnel.SignalOrder)
	assert.Equal(t, Coverage{Min: 0, Severity: "error", MinConfidence: 0.8}, c.Coverage)
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	require.NoError(t, os.MkdirAll(deep, 0o755))

	p, err := Find(deep)
	require.NoError(t, err)
	if p != "" { // an ancestor of the temp folder may hold one
		assert.NotContains(t, p, root)
	}

	require.NoError(t, os.WriteFile(filepath.Join(root, ".msglint.yaml"), []byte("version: 1\n"), 0o644))
	p, err = Find(deep)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ".msglint.yaml"), p)

	require.NoError(t, os.WriteFile(filepath.Join(root, "a", "msglint.yaml"), []byte("version: 1\n"), 0o644))
	p, err = Find(deep)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "a", "msglint.yaml"), p)

	// msglint.yaml is preferred over .msglint.yaml in the same folder.
	require.NoError(t, os.WriteFile(filepath.Join(root, "msglint.yaml"), []byte("version: 1\n"), 0o644))
	p, err = Find(root)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "msglint.yaml"), p)

	// A folder named msglint.yaml is not a config.
	require.NoError(t, os.MkdirAll(filepath.Join(deep, "msglint.yaml"), 0o755))
	p, err = Find(deep)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "a", "msglint.yaml"), p)

	// A relative folder gives a relative path.
	t.Chdir(deep)
	p, err = Find(".")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("..", "..", "msglint.yaml"), p)
	c, err := Load(p, LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("..", ".."), c.Dir)
}

func TestErrorsType(t *testing.T) {
	_, err := Parse("m.yaml", []byte("version: 2\nfoo: 1\n"), LoadOptions{})
	var es Errors
	require.True(t, errors.As(err, &es))
	assert.Len(t, es, 2)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, 1, e.Line)
	assert.Equal(t, "version: 2", e.Snippet)
}

func TestSuggest(t *testing.T) {
	keys := []string{"terms", "claims", "disclaimers", "forbidden", "front_matter", "version"}
	for in, want := range map[string]string{
		"termz": "terms", "Terms": "terms", "cliams": "claims", "disclaimer": "disclaimers",
		"forbiden": "forbidden", "frontmatter": "front_matter", "front-matter": "front_matter",
		"verison": "version", "xyz": "", "ab": "", "colors": "",
	} {
		assert.Equal(t, want, suggest(in, keys), in)
	}
}

// TestDocsListEveryKey: docs/config.md names every key the loader accepts.
func TestDocsListEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../docs/config.md")
	require.NoError(t, err)
	seen := map[reflect.Type]bool{}
	var walk func(typ reflect.Type, prefix string)
	walk = func(typ reflect.Type, prefix string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for _, k := range KeysOf(typ) {
			f, _ := typ.FieldByNameFunc(func(n string) bool {
				sf, _ := typ.FieldByName(n)
				name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
				return name == k
			})
			key := "`" + k + "`"
			if typ == reflect.TypeFor[Examples]() {
				key = "`examples." + k + "`"
			}
			assert.Contains(t, string(doc), key, "docs/config.md does not mention %s%s", prefix, k)
			walk(f.Type, prefix+k+".")
		}
	}
	walk(reflect.TypeFor[Config](), "")
}

// Parse reads no other file: with extends or glossary, the checks that
// need their content are skipped.
func TestParsePartial(t *testing.T) {
	src := "extends: [base.yaml]\nclaims:\n  - {id: a, pattern: '(\\d+)%', value: 3, products: [cloudsync]}\nfunnel:\n  paths:\n    tofu: [\"blog/**\"]\n"
	c, err := Parse("x/msglint.yaml", []byte(src), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"base.yaml"}, c.Extends)
	assert.Equal(t, []Pos{{File: "x/msglint.yaml", Line: 1, Col: 11}}, c.ExtendsPos)
	assert.Empty(t, c.Files)

	_, err = Parse("x/msglint.yaml", []byte(src[len("extends: [base.yaml]\n"):]), LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, []string{
		`x/msglint.yaml:2:53: claim "a": unknown product "cloudsync" (products name a term's id or name)`,
		`x/msglint.yaml:5:5: funnel paths: unknown stage "tofu" (stages: awareness, consideration, decision, retention)`,
	}, firstLines(err))
}

func TestRedundantVariantWarnings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the first line of each warning
	}{
		{"listed twice up to case", "terms:\n  - name: PostgreSQL\n    variants: [Postgres, PostGres]\n",
			[]string{`c.yaml:3:26: warning: term "PostgreSQL": variant "PostGres" is redundant: it is listed twice (line 3), and variants match whatever their case`}},
		{"listed twice exactly", "terms:\n  - name: PostgreSQL\n    variants:\n      - Postgres\n      - Postgres\n",
			[]string{`c.yaml:5:9: warning: term "PostgreSQL": variant "Postgres" is redundant: it is listed twice (line 4), and variants match whatever their case`}},
		{"the name itself", "terms:\n  - name: Acme\n    variants: [Acme]\n",
			[]string{`c.yaml:3:16: warning: term "Acme": variant "Acme" is redundant: it is the term's name (line 2)`}},
		// a case variant is what makes the wrong casing a finding
		{"the name in another case is not redundant", "terms:\n  - name: Acme\n    variants: [ACME]\n", nil},
		{"a deprecated case is not redundant", "terms:\n  - name: Acme\n    deprecated: [ACME]\n", nil},
		{"none", "terms:\n  - name: Acme\n    variants: [Acme Inc]\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tt.src), LoadOptions{})
			require.NoError(t, err)
			var got []string
			for _, w := range c.Warnings {
				assert.True(t, w.Warning)
				got = append(got, strings.SplitN(w.Error(), "\n", 2)[0])
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFindYml(t *testing.T) {
	root := t.TempDir()
	write := func(name string) {
		require.NoError(t, os.WriteFile(filepath.Join(root, name), []byte("version: 1\n"), 0o644))
	}
	write(".msglint.yml")
	p, err := Find(root)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, ".msglint.yml"), p)
	assert.Empty(t, Shadowed(p))

	write("msglint.yml")
	p, err = Find(root)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "msglint.yml"), p)
	assert.Equal(t, []string{filepath.Join(root, ".msglint.yml")}, Shadowed(p))

	write("msglint.yaml")
	write(".msglint.yaml")
	p, err = Find(root)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "msglint.yaml"), p)
	assert.Equal(t, []string{filepath.Join(root, "msglint.yml"), filepath.Join(root, ".msglint.yaml"), filepath.Join(root, ".msglint.yml")}, Shadowed(p))
}
