package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstLines returns the "file:line:col: message" line of each error.
func firstLines(err error) []string {
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(l, "    ") {
			out = append(out, l)
		}
	}
	return out
}

func TestParseErrors(t *testing.T) {
	known := LoadOptions{KnownRules: []string{"naming/variant", "naming/case", "claims/forbidden", "claims/unregistered-statistic"}}
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want []string
	}{
		{"unknown top key", "version: 1\ntermz: []\n", LoadOptions{},
			[]string{`c.yaml:2:1: unknown key "termz" (did you mean "terms"?)`}},
		{"unknown key no suggestion", "flavour: vanilla\n", LoadOptions{},
			[]string{`c.yaml:1:1: unknown key "flavour"`}},
		{"unknown key with dash", "front-matter: [title]\n", LoadOptions{},
			[]string{`c.yaml:1:1: unknown key "front-matter" (did you mean "front_matter"?)`}},
		{"unknown term key", "terms:\n  - name: A\n    variantz: [B]\n", LoadOptions{},
			[]string{`c.yaml:3:5: unknown key "variantz" (did you mean "variants"?)`}},
		{"unknown nested key", "coverage:\n  minimum: 2\n", LoadOptions{},
			[]string{`c.yaml:2:3: unknown key "minimum"`}},
		{"unknown examples key", "terms:\n  - name: A\n    examples: {bda: [x]}\n", LoadOptions{},
			[]string{`c.yaml:3:16: unknown key "bda" (did you mean "bad"?)`}},
		{"duplicate key", "version: 1\nexclude: []\nversion: 1\n", LoadOptions{},
			[]string{`c.yaml:3:1: duplicate key "version" (first defined at line 1)`}},
		{"version 2", "version: 2\n", LoadOptions{},
			[]string{`c.yaml:1:10: unsupported version 2 (this msglint reads version 1)`}},
		{"version string", "version: \"1\"\n", LoadOptions{},
			[]string{`c.yaml:1:10: "version": expected an integer, got a string ("1")`}},
		{"list expected", "include: \"**/*.md\"\n", LoadOptions{},
			[]string{`c.yaml:1:10: "include": expected a list of strings, got a string ("**/*.md")`}},
		{"list item type", "exclude: [a, [b]]\n", LoadOptions{},
			[]string{`c.yaml:1:14: item of "exclude": expected a string, got a list`}},
		{"null list item", "competitors: [Globex, ~]\n", LoadOptions{},
			[]string{`c.yaml:1:23: item of "competitors": expected a string, got nothing (null)`}},
		{"terms mapping", "terms:\n  name: A\n", LoadOptions{},
			[]string{`c.yaml:2:3: "terms": expected a list, got a mapping`}},
		{"term string", "terms: [Acme]\n", LoadOptions{},
			[]string{`c.yaml:1:9: item of "terms": expected a mapping, got a string ("Acme")`}},
		{"teams list", "teams: [sales]\n", LoadOptions{},
			[]string{`c.yaml:1:8: "teams": expected a mapping, got a list`}},
		{"bool expected", "defaults: nope\n", LoadOptions{},
			[]string{`c.yaml:1:11: "defaults": expected true or false, got a string ("nope")`}},
		{"top level list", "- a\n- b\n", LoadOptions{},
			[]string{`c.yaml:1:1: the config file: expected a mapping, got a list`}},
		{"yaml syntax", "include: [a, b\nexclude: []\n", LoadOptions{},
			[]string{`c.yaml:2:8: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 1)`}},
		{"tab indent", "terms:\n\t- name: A\n", LoadOptions{},
			[]string{`c.yaml:2:1: invalid YAML: found character that cannot start any token (while scanning for the next token)`}},
		{"two documents", "version: 1\n---\nversion: 1\n", LoadOptions{},
			[]string{`c.yaml: a config file must hold a single YAML document (remove the extra ---)`}},
		{"unknown alias", "include: *x\n", LoadOptions{},
			[]string{`c.yaml:1:10: invalid YAML: unknown anchor 'x' referenced`}},

		{"term without name", "terms:\n  - kind: product\n", LoadOptions{},
			[]string{`c.yaml:2:5: term: "name" is required`}},
		{"term empty name", "terms:\n  - name: \"\"\n", LoadOptions{},
			[]string{`c.yaml:2:11: term: "name" must not be empty`}},
		{"term kind", "terms:\n  - name: A\n    kind: prodcut\n", LoadOptions{},
			[]string{`c.yaml:3:11: term "A": "kind": unknown value "prodcut" (want product, feature or term) (did you mean "product"?)`}},
		{"trademark", "terms:\n  - name: A\n    trademark: (R)\n", LoadOptions{},
			[]string{`c.yaml:3:16: term "A": "trademark": unknown value "(R)" (want ™, ®, ℠ or ©)`}},
		{"deprecated is name", "terms:\n  - name: Acme\n    deprecated: [Acme]\n", LoadOptions{},
			[]string{`c.yaml:3:18: term "Acme": "deprecated" lists the canonical name itself`}},
		{"variant also deprecated", "terms:\n  - name: Acme\n    variants: [Acme Co]\n    deprecated: [acme co]\n", LoadOptions{},
			[]string{`c.yaml:4:18: term "Acme": "acme co" is both a variant and a deprecated name (line 3)`}},
		{"duplicate term", "terms:\n  - name: A\n  - name: B\n  - name: A\n", LoadOptions{},
			[]string{`c.yaml:4:5: duplicate term "A" (first defined at line 2)`}},
		{"duplicate term id", "terms:\n  - {name: A, id: x}\n  - {name: B, id: x}\n", LoadOptions{},
			[]string{`c.yaml:3:5: duplicate term id "x" (also used by term "A" at line 2)`}},
		{"variant shared", "terms:\n  - name: Acme Sync\n    variants: [Sync]\n  - name: Acme Link\n    deprecated: [sync]\n", LoadOptions{},
			[]string{`c.yaml:5:18: term "Acme Link": deprecated name "sync" is also a variant of term "Acme Sync" (line 3)`}},
		{"variant is other name", "terms:\n  - name: Acme Sync\n  - name: Acme Link\n    variants: [acme sync]\n", LoadOptions{},
			[]string{`c.yaml:4:16: term "Acme Link": variant "acme sync" is the name of term "Acme Sync" (line 2)`}},

		{"claim without id", "claims:\n  - pattern: x\n", LoadOptions{},
			[]string{`c.yaml:2:5: claim: "id" is required`}},
		{"claim duplicate id", "claims:\n  - {id: a, pattern: x}\n  - {id: a, pattern: y}\n", LoadOptions{},
			[]string{`c.yaml:3:10: duplicate claim id "a" (first used at line 2)`}},
		{"claim without pattern", "claims:\n  - id: a\n", LoadOptions{},
			[]string{`c.yaml:2:5: claim "a": "pattern" is required`}},
		{"claim bad pattern", "claims:\n  - id: a\n    pattern: '(\\d+ higher'\n", LoadOptions{},
			[]string{"c.yaml:3:14: claim \"a\": invalid pattern (Go RE2 syntax): missing closing ): `(\\d+ higher`"}},
		{"claim lookahead", "claims:\n  - id: a\n    pattern: 'x(?=y)'\n    case_sensitive: true\n", LoadOptions{},
			[]string{"c.yaml:3:14: claim \"a\": invalid pattern (Go RE2 syntax): invalid or unsupported Perl syntax: `(?=`"}},
		{"claim value without group", "claims:\n  - id: a\n    pattern: '\\d+% faster'\n    value: 38\n", LoadOptions{},
			[]string{`c.yaml:4:12: claim "a": "value" needs a capture group in "pattern" (the first group is compared with it)`}},
		{"claim value string", "claims:\n  - id: a\n    pattern: '(\\d+)%'\n    value: lots\n", LoadOptions{},
			[]string{`c.yaml:4:12: "value": expected a number, got a string ("lots")`}},
		{"claim expires", "claims:\n  - id: a\n    pattern: x\n    expires: 2027-13-01\n", LoadOptions{},
			[]string{`c.yaml:4:14: claim "a": "expires" must be a date YYYY-MM-DD, got "2027-13-01"`}},
		{"claim expires format", "claims:\n  - id: a\n    pattern: x\n    expires: 30/06/2027\n", LoadOptions{},
			[]string{`c.yaml:4:14: claim "a": "expires" must be a date YYYY-MM-DD, got "30/06/2027"`}},
		{"claim citation", "claims:\n  - id: a\n    pattern: x\n    citation: always\n", LoadOptions{},
			[]string{`c.yaml:4:15: claim "a": "citation": unknown value "always" (want required or optional)`}},
		{"claim unknown product", "terms:\n  - {name: Acme CloudSync, id: cloudsync}\nclaims:\n  - id: a\n    pattern: x\n    products: [cloudsnyc]\n", LoadOptions{},
			[]string{`c.yaml:6:16: claim "a": unknown product "cloudsnyc" (products name a term's id or name) (did you mean "cloudsync"?)`}},

		{"disclaimer bad when", "disclaimers:\n  - id: d\n    when: ['[a-']\n    text: T.\n", LoadOptions{},
			[]string{"c.yaml:3:12: disclaimer \"d\": invalid pattern (Go RE2 syntax): missing closing ]: `[a-`"}},
		{"disclaimer empty text", "disclaimers:\n  - id: d\n    when: [roadmap]\n    text: \"\"\n", LoadOptions{},
			[]string{`c.yaml:4:11: disclaimer "d": "text" (the required disclaimer) must not be empty`}},
		{"disclaimer no when", "disclaimers:\n  - id: d\n    text: T.\n", LoadOptions{},
			[]string{`c.yaml:2:5: disclaimer "d": "when" needs at least one pattern`}},

		{"forbidden both", "forbidden:\n  - phrase: a\n    pattern: b\n", LoadOptions{},
			[]string{`c.yaml:2:5: forbidden: give either "phrase" or "pattern", not both`}},
		{"forbidden neither", "forbidden:\n  - message: m\n", LoadOptions{},
			[]string{`c.yaml:2:5: forbidden: one of "phrase" or "pattern" is required`}},
		{"forbidden pattern", "forbidden:\n  - pattern: 'a{2,1}'\n", LoadOptions{},
			[]string{"c.yaml:2:14: forbidden: invalid pattern (Go RE2 syntax): invalid repeat count: `{2,1}`"}},
		{"forbidden severity", "forbidden:\n  - phrase: a\n    severity: warn\n", LoadOptions{},
			[]string{`c.yaml:3:15: unknown severity "warn" (want error, warning, info or off) (did you mean "warning"?)`}},

		{"funnel path stage", "funnel:\n  paths:\n    desicion: [\"sales/**\"]\n", LoadOptions{},
			[]string{`c.yaml:3:5: funnel paths: unknown stage "desicion" (stages: awareness, consideration, decision, retention) (did you mean "decision"?)`}},
		{"funnel custom stages", "funnel:\n  stages: [top, bottom]\n  paths:\n    decision: [\"a/**\"]\n", LoadOptions{},
			[]string{`c.yaml:4:5: funnel paths: unknown stage "decision" (stages: top, bottom)`}},
		{"funnel signal stage", "funnel:\n  signals:\n    retention: [renewal]\n    loyalty: [x]\n", LoadOptions{},
			[]string{`c.yaml:4:5: funnel signals: unknown stage "loyalty" (stages: awareness, consideration, decision, retention)`}},
		{"funnel signal type", "funnel:\n  signals:\n    decision: [[pricing]]\n", LoadOptions{},
			[]string{`c.yaml:3:16: item of "decision": expected a string or a mapping with phrase and weight, got a list`}},
		{"funnel signal key", "funnel:\n  signals:\n    decision: [{phrase: pricing, wieght: 2}]\n", LoadOptions{},
			[]string{`c.yaml:3:34: unknown key "wieght" (did you mean "weight"?)`}},
		{"funnel signal no phrase", "funnel:\n  signals:\n    decision: [{weight: 2}]\n", LoadOptions{},
			[]string{`c.yaml:3:16: item of "decision": a signal needs a non-empty "phrase"`}},
		{"funnel empty stages", "funnel:\n  stages: []\n", LoadOptions{},
			[]string{`c.yaml:2:11: "stages": at least one stage is required (leave the key out for the default stages: awareness, consideration, decision, retention)`}},
		{"funnel duplicate stage", "funnel:\n  stages: [a, b, a]\n", LoadOptions{},
			[]string{`c.yaml:2:18: duplicate stage "a" (first listed at line 2)`}},
		{"funnel path glob", "funnel:\n  paths:\n    awareness: [\"blog/[a\"]\n", LoadOptions{},
			[]string{`c.yaml:3:17: funnel path "awareness": invalid glob (check brackets and braces): "blog/[a"`}},

		{"include glob", "include: [\"**/*.{md,html\"]\n", LoadOptions{},
			[]string{`c.yaml:1:11: "include": invalid glob (check brackets and braces): "**/*.{md,html"`}},
		{"absolute glob", "exclude: [/tmp/**]\n", LoadOptions{},
			[]string{`c.yaml:1:11: "exclude": globs are relative to the config's folder; remove the leading slash or drive: "/tmp/**"`}},
		{"team glob", "teams:\n  sales: [\"sales/[\"]\n", LoadOptions{},
			[]string{`c.yaml:2:11: team "sales": invalid glob (check brackets and braces): "sales/["`}},
		{"override glob", "overrides:\n  - files: [\"a/{b\"]\n    rules: {claims: off}\n", LoadOptions{},
			[]string{`c.yaml:2:13: "files": invalid glob (check brackets and braces): "a/{b"`}},
		{"override without files", "overrides:\n  - rules: {claims: off}\n", LoadOptions{},
			[]string{`c.yaml:2:5: override: "files" needs at least one glob`}},
		{"coverage min", "coverage:\n  min: -1\n", LoadOptions{},
			[]string{`c.yaml:2:8: "min" must be 0 or more, got -1`}},
		{"coverage min float", "coverage:\n  min: 1.5\n", LoadOptions{},
			[]string{`c.yaml:2:8: "min": expected an integer, got a number (1.5)`}},
		{"coverage min_confidence", "coverage:\n  min_confidence: 1.5\n", LoadOptions{},
			[]string{`c.yaml:2:19: "min_confidence" must be between 0 and 1, got 1.5`}},
		{"coverage severity", "coverage:\n  severity: critical\n", LoadOptions{},
			[]string{`c.yaml:2:13: unknown severity "critical" (want error, warning, info or off)`}},
		{"rule severity", "rules:\n  naming/variant: warn\n", LoadOptions{},
			[]string{`c.yaml:2:19: unknown severity "warn" (want error, warning, info or off) (did you mean "warning"?)`}},
		{"unknown rule", "rules:\n  naming/varient: off\n", known,
			[]string{`c.yaml:2:3: unknown rule "naming/varient" (did you mean "naming/variant"?)`}},
		{"unknown family", "rules:\n  claim: off\n", known,
			[]string{`c.yaml:2:3: unknown rule "claim" (did you mean "claims"?)`}},
		{"unknown rule func", "overrides:\n  - files: [\"legal/**\"]\n    rules: {nope: off}\n", LoadOptions{KnownRule: func(id string) bool { return id == "claims" }},
			[]string{`c.yaml:3:13: unknown rule "nope"`}},
		{"html selector", "html:\n  ignore: [\"nav[\"]\n", LoadOptions{},
			[]string{`c.yaml:2:12: "ignore": invalid CSS selector "nav[": expected identifier, found EOF instead`}},
		{"several errors sorted", "version: 3\ntermz: []\ncoverage: {min: -2}\n", LoadOptions{},
			[]string{
				`c.yaml:1:10: unsupported version 3 (this msglint reads version 1)`,
				`c.yaml:2:1: unknown key "termz" (did you mean "terms"?)`,
				`c.yaml:3:17: "min" must be 0 or more, got -2`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("c.yaml", []byte(tt.src), tt.opts)
			require.Error(t, err, "config: %+v", c)
			assert.Nil(t, c)
			assert.Equal(t, tt.want, firstLines(err))
			var e *Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "c.yaml", e.File)
		})
	}
}

func TestErrorRendering(t *testing.T) {
	_, err := Parse("msglint.yaml", []byte("version: 1\ntermz:\n  - name: A\n"), LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, "msglint.yaml:2:1: unknown key \"termz\" (did you mean \"terms\"?)\n    termz:\n    ^^^^^", err.Error())

	_, err = Parse("m.yaml", []byte("terms:\n\t- x\n"), LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, "m.yaml:2:1: invalid YAML: found character that cannot start any token (while scanning for the next token)\n    \t- x\n    ^", err.Error())

	// Columns count runes.
	_, err = Parse("m.yaml", []byte("terms:\n  - {name: Äcme™, kind: prodct}\n"), LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, "m.yaml:2:25: term \"Äcme™\": \"kind\": unknown value \"prodct\" (want product, feature or term) (did you mean \"product\"?)\n      - {name: Äcme™, kind: prodct}\n                            ^^^^^^", err.Error())

	e := &Error{File: "x.yaml", Msg: "cannot read config: no such file or directory"}
	assert.Equal(t, "x.yaml: cannot read config: no such file or directory", e.Error())
}
