// Package projecttest lints testdata folders as corpora and checks the
// expectations written inline in them.
//
// Each subfolder of a testdata folder is one case: one corpus, linted with
// its own msglint.yaml (if any). A line that must produce findings ends with
// a comment naming them:
//
//	Try CloudSync today. <!-- want "naming/variant" -->
//	{/* want "naming/variant" "naming/trademark" */}   (MDX)
//	- name: Acme  # want "coverage/gap"                (YAML, text)
//
// A line without `want` must produce nothing. The same comment may carry
// expectations about the file as an asset, anywhere in the file:
//
//	<!-- want stage:"decision" team:"sales" audience:"smb" product:"cloudsync" -->
//
// For office and PDF files, a sidecar file `<name>.want` holds lines of the
// form `slide 4: "naming/variant"` or `page 2: "claims/mismatch"`.
package projecttest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// Today is the date claims are judged against in tests.
var Today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var (
	wantRe = regexp.MustCompile(`\bwant((?:\s+(?:[a-z_]+:)?"[^"]*")+)`)
	itemRe = regexp.MustCompile(`(?:([a-z_]+):)?"([^"]*)"`)
)

// Run lints every case folder under dir and checks its expectations. With
// no rules given, every rule runs.
func Run(t *testing.T, dir string, ruleList ...*lint.Rule) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		caseDir := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) { RunCase(t, caseDir, ruleList...) })
	}
	if n == 0 {
		t.Fatalf("no case folders in %s", dir)
	}
}

// RunCase lints one case folder and checks its expectations.
func RunCase(t *testing.T, caseDir string, ruleList ...*lint.Rule) *driver.Result {
	t.Helper()
	res := Lint(t, caseDir, ruleList...)
	wants, assetWants := Expectations(t, caseDir)
	got := map[string][]string{}
	for _, d := range res.Findings {
		k := key(d.Path, d.Line, d.Loc)
		got[k] = append(got[k], d.Rule)
	}
	var problems []string
	keys := map[string]bool{}
	for k := range wants {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var sorted []string
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		w := append([]string(nil), wants[k]...)
		g := append([]string(nil), got[k]...)
		sort.Strings(w)
		sort.Strings(g)
		if strings.Join(w, ",") != strings.Join(g, ",") {
			msgs := []string{}
			for _, d := range res.Findings {
				if key(d.Path, d.Line, d.Loc) == k {
					msgs = append(msgs, fmt.Sprintf("%s: %s", d.Rule, d.Message))
				}
			}
			problems = append(problems, fmt.Sprintf("%s: want %v, got %v %q", k, w, g, msgs))
		}
	}
	assets := map[string]*funnel.Asset{}
	for _, a := range funnel.AssetsOf(res.Analyses) {
		assets[a.Path] = a
	}
	for path, kv := range assetWants {
		a := assets[path]
		if a == nil {
			problems = append(problems, fmt.Sprintf("%s: no asset", path))
			continue
		}
		for _, w := range kv {
			if !assetHas(a, w[0], w[1]) {
				problems = append(problems, fmt.Sprintf("%s: want %s %q, asset is %+v", path, w[0], w[1], *a))
			}
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
	return res
}

// Lint runs msglint on a case folder as `msglint check` would from inside it.
func Lint(t testing.TB, caseDir string, ruleList ...*lint.Rule) *driver.Result {
	t.Helper()
	p, err := project.Load(caseDir, "")
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	var rl []*lint.Rule
	if len(ruleList) > 0 {
		rl = ruleList
	}
	res, err := p.Run(project.Options{Paths: []string{caseDir}, Today: Today, Jobs: 2, Rules: rl})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return res
}

func key(path string, line int, loc string) string {
	if loc != "" {
		return path + ": " + loc
	}
	return fmt.Sprintf("%s:%d", path, line)
}

func assetHas(a *funnel.Asset, k, v string) bool {
	in := func(list []string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	}
	switch k {
	case "stage":
		return a.Stage == v
	case "source":
		return a.StageSource == v
	case "team":
		return a.Team == v
	case "audience":
		return in(a.Audiences)
	case "objection":
		return in(a.Objections)
	case "product":
		return in(a.Products)
	case "format":
		return a.Format == v
	case "runnerup":
		return a.RunnerUp == v
	case "evidence":
		for _, e := range a.Evidence {
			if strings.Contains(e, v) {
				return true
			}
		}
		return false
	}
	return false
}

// Expectations reads the want comments of every file in a case folder.
// Findings are keyed "path:line" (or "path: slide 4"); asset expectations
// are [key, value] pairs by path.
func Expectations(t testing.TB, caseDir string) (map[string][]string, map[string][][2]string) {
	wants := map[string][]string{}
	assets := map[string][][2]string{}
	err := filepath.WalkDir(caseDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(caseDir, p)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(rel, ".want") {
			return sidecar(p, strings.TrimSuffix(rel, ".want"), wants)
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".mdx", ".markdown", ".html", ".htm", ".txt", ".yaml", ".yml":
		default:
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		line := 0
		for sc.Scan() {
			line++
			m := wantRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, it := range itemRe.FindAllStringSubmatch(m[1], -1) {
				if it[1] != "" {
					assets[rel] = append(assets[rel], [2]string{it[1], it[2]})
				} else {
					k := key(rel, line, "")
					wants[k] = append(wants[k], it[2])
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return wants, assets
}

func sidecar(path, rel string, wants map[string][]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(b), "\n") {
		loc, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		for _, it := range itemRe.FindAllStringSubmatch(rest, -1) {
			k := key(rel, 1, strings.TrimSpace(loc))
			wants[k] = append(wants[k], it[2])
		}
	}
	return nil
}
