package funnel

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/match"
)

// The allocation-saving versions of productKeys and evidence answer as the
// plain versions they replaced (kept here as references).

func productKeysRef(ix *match.Index, terms []int) []string {
	sort.Ints(terms)
	var out []string
	for i, ti := range terms {
		if i > 0 && ti == terms[i-1] {
			continue
		}
		t := &ix.Terms[ti]
		if (t.Kind == config.KindProduct || t.Kind == config.KindFeature) && !slices.Contains(out, t.Key) {
			out = append(out, t.Key)
		}
	}
	return out
}

func (s *scores) evidenceRef(stage, n int) []string {
	var list []*evEntry
	for i := range s.ev {
		if e := &s.ev[i]; e.stage == stage && e.value > 0 {
			list = append(list, e)
		}
	}
	slices.SortFunc(list, func(a, b *evEntry) int {
		switch {
		case a.value > b.value:
			return -1
		case a.value < b.value:
			return 1
		case labelLess(a, b):
			return -1
		case labelLess(b, a):
			return 1
		}
		return 0
	})
	if len(list) > n {
		list = list[:n]
	}
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		label := whereNames[e.where] + ": " + e.what
		if e.count > 1 {
			label += " ×" + strconv.Itoa(e.count)
		}
		out = append(out, label)
	}
	return out
}

func TestProductKeysRef(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	kinds := []string{config.KindProduct, config.KindFeature, "", "company"}
	var terms []config.Term
	for i := range 60 {
		tm := config.Term{Name: fmt.Sprintf("Name%d", i), Kind: kinds[r.Intn(len(kinds))]}
		if r.Intn(3) == 0 {
			tm.ID = fmt.Sprintf("id%d", r.Intn(10)) // shared keys
		}
		terms = append(terms, tm)
	}
	ix, err := match.Compile(terms)
	if err != nil {
		t.Fatal(err)
	}
	for range 2000 {
		var in []int
		for range r.Intn(12) {
			in = append(in, r.Intn(len(ix.Terms)))
		}
		a, b := slices.Clone(in), slices.Clone(in)
		got, want := productKeys(ix, a), productKeysRef(ix, b)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("productKeys(%v) = %#v, want %#v", in, got, want)
		}
	}
}

func TestEvidenceRef(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	sc := &scores{}
	for range 3000 {
		sc.ev = sc.ev[:0]
		for range r.Intn(9) {
			sc.ev = append(sc.ev, evEntry{stage: r.Intn(3), where: r.Intn(nWhere), what: fmt.Sprintf("w%d", r.Intn(6)),
				value: float64(r.Intn(4)), count: r.Intn(150)})
		}
		stage, n := r.Intn(3), r.Intn(6)
		got, want := sc.evidence(stage, n), sc.evidenceRef(stage, n)
		if !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("evidence(%d, %d) of %v = %q, want %q", stage, n, sc.ev, got, want)
		}
	}
}

// conventionOfRef is conventionOf as it was, splitting the path.
func conventionOfRef(path string) (pathEvidence, bool) {
	segs := strings.Split(path, "/")
	last := len(segs) - 1
	for i := last; i >= 0; i-- {
		s := segs[i]
		if i == last {
			if j := strings.LastIndexByte(s, '.'); j > 0 {
				s = s[:j]
			}
			if s == "index" || s == "_index" || s == "readme" || s == "README" {
				continue
			}
		}
		c, ok := pathIndex[normSegment(s)]
		if !ok {
			continue
		}
		if c.stage == "consideration" || c.stage == "awareness" {
			for j := 0; j < i; j++ {
				if containers[normSegment(segs[j])] {
					i = j
					c = pathIndex[normSegment(segs[j])]
					break
				}
			}
		}
		shown := segs[i]
		if i < last {
			shown += "/"
		}
		return pathEvidence{stage: c.stage, weight: c.weight * PathWeight, segment: shown}, true
	}
	return pathEvidence{}, false
}

var conventionSeeds = []string{"", "/", "//", "a", "blog/x.md", "docs/integrations/slack.md", "help/blog/", "/pricing",
	"x/Customers/acme/index.md", "kb//compare/a.md", "docs.md", "a/docs/b/solutions/c/README", "_blog/.x", "Case_Studies/a b.md",
	"support/api/vs/x.mdx", "blog/index", "compare/", "integrations//docs/x", "/docs/", "learn/release-notes/v1.md",
	" _Blog/x.md", "-_.PRICING", "Help Center/integrations/x", "Ｄocs/integrations/x", "docs/İntegrations", "KB/Blog/a",
	"knowledge_base/compare/x", "a-very-long-folder-name-that-no-buffer-holds-at-all/pricing/", "blog/a-very-long-folder-name-that-no-buffer-holds-at-all"}

// checkNormInto: normInto writes normSegment's result whenever it takes s.
func checkNormInto(t *testing.T, s string) {
	var buf [40]byte
	if b, ok := normInto(buf[:], s); ok && string(b) != normSegment(s) {
		t.Errorf("normInto(%q) = %q, want %q", s, b, normSegment(s))
	}
}

func FuzzNormInto(f *testing.F) {
	for _, s := range []string{"", "Docs", " _x", "_-.a_b c", "Ａ", "case_STUDIES", "..", "a-very-long-folder-name-that-no-buffer-holds"} {
		f.Add(s)
	}
	f.Fuzz(checkNormInto)
}

func checkConvention(t *testing.T, path string) {
	got, gok := conventionOf(path)
	want, wok := conventionOfRef(path)
	if got != want || gok != wok {
		t.Errorf("conventionOf(%q) = %+v, %v; want %+v, %v", path, got, gok, want, wok)
	}
}

func TestConventionOfMatchesReference(t *testing.T) {
	for _, p := range conventionSeeds {
		checkConvention(t, p)
	}
	// random paths of known and unknown segments
	var segs []string
	for s := range pathIndex {
		segs = append(segs, s)
	}
	slices.Sort(segs)
	segs = append(segs, "", "x", "index.md", "README", "a.b", "Docs", "HELP", "_learn", "case_studies")
	r := rand.New(rand.NewSource(7))
	for range 5000 {
		parts := make([]string, 1+r.Intn(5))
		for i := range parts {
			parts[i] = segs[r.Intn(len(segs))]
		}
		checkConvention(t, strings.Join(parts, "/"))
	}
}

func FuzzConventionOf(f *testing.F) {
	for _, p := range conventionSeeds {
		f.Add(p)
	}
	f.Fuzz(checkConvention)
}
