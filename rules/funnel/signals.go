package funnel

// The config's funnel.signals: phrases per stage with a weight, added to
// the stage's score (in the same log-odds as the content model's) at every
// occurrence. A phrase is matched on word tokens, case-insensitively, so
// "what's new" also matches "What’s New" and "vs" matches "vs.". A mention
// in the asset's title counts TitleWeight times, in a heading
// HeadingWeight times, and body mentions of one phrase count at most
// BodyCap times. (The embedded vocabulary is the learned content model:
// learned.go.)

// notCaps lists embedded phrases that do not match when written in
// capitals: "VS Code" is a product, not a comparison.
var notCaps = map[string]bool{"vs": true}

// sig is an embedded signal.
type sig struct {
	phrase string
	weight float64
}

// Weights of where a signal stands.
const (
	TitleWeight   = 3.0 // the asset's title (front matter title, <title>, first slide title)
	HeadingWeight = 2.0 // headings and other slide titles
	MetaWeight    = 1.5 // description, summary, meta description, front-matter values
	BodyWeight    = 1.0
	BodyCap       = 3 // body occurrences of one phrase that count
	// BodySaturation bounds what body mentions can add to a stage: the
	// body total x counts BodySaturation*(1-exp(-x/BodySaturation)).
	BodySaturation = 8.0
)

// aliases are the front-matter shorthands for the default stages.
var aliases = map[string]string{
	"tofu": "awareness", "top": "awareness", "top-of-funnel": "awareness",
	"mofu": "consideration", "middle": "consideration", "middle-of-funnel": "consideration",
	"bofu": "decision", "bottom": "decision", "bottom-of-funnel": "decision",
}
