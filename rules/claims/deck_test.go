package claims_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/msglint/msglint/internal/officegen"
	"github.com/msglint/msglint/project/projecttest"
)

// TestDeck runs the claims rules on a generated deck: a slide's speaker
// notes cite the claims of its body; locations are "slide N".
func TestDeck(t *testing.T) {
	dir := t.TempDir()
	cfg := `version: 1
claims:
  - id: win-rate
    text: 38% higher sales win rates
    pattern: '(\d+)% higher (?:sales )?win rates?'
    value: 38
    citation: required
disclaimers:
  - id: forward-looking
    when: ['\broadmap\b']
    text: Features on the roadmap are subject to change.
`
	deck := officegen.Deck{Title: "Pitch", Slides: []officegen.Slide{
		{Title: "Results", Shapes: []officegen.Shape{{Paras: []string{"Teams see 38% higher win rates."}}},
			Notes: []string{"Source: HubSpot, 2020."}},
		{Title: "More results", Shapes: []officegen.Shape{{Paras: []string{"Teams see |40%| higher win rates."}}}},
		{Title: "Why us", Shapes: []officegen.Shape{{Table: [][]string{{"The best-in-class platform", "3x faster restores"}}}}},
		{Title: "Roadmap", Shapes: []officegen.Shape{{Paras: []string{"Offline mode is on our roadmap."}}}},
	}}
	b, err := officegen.PPTX(deck)
	if err != nil {
		t.Fatal(err)
	}
	want := `slide 2: "claims/mismatch" "claims/uncited"
slide 3: "claims/forbidden" "claims/unregistered-statistic"
slide 4: "claims/missing-disclaimer"
`
	for name, data := range map[string][]byte{"msglint.yaml": []byte(cfg), "deck.pptx": b, "deck.pptx.want": []byte(want)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := projecttest.RunCase(t, dir, all...)
	for _, d := range res.Findings {
		t.Logf("%s %s: %s: %s", d.Path, d.Loc, d.Rule, d.Message)
	}
}
