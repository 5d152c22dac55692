// Package config holds msglint's configuration model: the product
// glossary (terms), value-proposition claims, disclaimers, forbidden
// phrases, funnel/team/audience/objection settings, coverage, rule
// severities and per-path overrides. Load reads and validates it with
// file:line:column errors.
package config

// Pos is a position in a configuration file (1-based line and column).
type Pos struct {
	File string
	Line int
	Col  int
}

// Config is the whole msglint.yaml after extends are merged and defaults applied.
type Config struct {
	// Path is the main config file ("" when running on embedded defaults).
	Path string `yaml:"-"`
	// Dir is the folder paths are relative to (the config's folder, or the working folder).
	Dir string `yaml:"-"`

	Version     int                 `yaml:"version"`
	Extends     []string            `yaml:"extends"`
	Defaults    *bool               `yaml:"defaults"` // nil = true: embedded defaults stay on
	Include     []string            `yaml:"include"`
	Exclude     []string            `yaml:"exclude"`
	Glossary    []string            `yaml:"glossary"`
	FrontMatter []string            `yaml:"front_matter"`
	Terms       []Term              `yaml:"terms"`
	Claims      []Claim             `yaml:"claims"`
	Disclaimers []Disclaimer        `yaml:"disclaimers"`
	Competitors []string            `yaml:"competitors"`
	Forbidden   []Forbidden         `yaml:"forbidden"`
	Funnel      Funnel              `yaml:"funnel"`
	Teams       map[string][]string `yaml:"teams"`
	Audiences   map[string][]string `yaml:"audiences"`
	Objections  map[string][]string `yaml:"objections"`
	Coverage    Coverage            `yaml:"coverage"`
	Rules       map[string]string   `yaml:"rules"`
	Overrides   []Override          `yaml:"overrides"`
	HTML        HTML                `yaml:"html"`
	Limits      Limits              `yaml:"limits"`

	// TeamOrder, AudienceOrder, ObjectionOrder keep the map keys in file order.
	TeamOrder      []string `yaml:"-"`
	AudienceOrder  []string `yaml:"-"`
	ObjectionOrder []string `yaml:"-"`
	// RuleOrder keeps the Rules keys in file order.
	RuleOrder []string `yaml:"-"`

	// Warnings are harmless problems the loader found (a variant listed
	// twice, or equal to its term's name), with file:line:col; the run goes
	// on and the caller prints them on standard error.
	Warnings Errors `yaml:"-"`

	// Files lists every file read to build this config, in load order:
	// extended files, glossary files, then the main file.
	Files []string `yaml:"-"`

	// ExtendsPos[i] and GlossaryPos[i] are where Extends[i] and
	// Glossary[i] are named (in the including file).
	ExtendsPos  []Pos `yaml:"-"`
	GlossaryPos []Pos `yaml:"-"`

	// present maps the dotted key paths set outside lists (e.g.
	// "coverage.min", "funnel.paths.decision") to the key's position.
	present map[string]Pos
}

// KeyPos returns the position of a key outside lists, given as a dotted
// path ("coverage.min", "teams.sales", "rules.claims"), and whether the
// config (or a file it extends) sets it.
func (c *Config) KeyPos(path string) (Pos, bool) {
	p, ok := c.present[path]
	return p, ok
}

// DefaultsOn reports whether the embedded defaults (generic forbidden
// phrases, statistic detection, funnel signals) are active.
func (c *Config) DefaultsOn() bool { return c.Defaults == nil || *c.Defaults }

// Term kinds.
const (
	KindProduct = "product"
	KindFeature = "feature"
	KindTerm    = "term"
)

// Term is one glossary entry.
type Term struct {
	Name          string   `yaml:"name"`
	Kind          string   `yaml:"kind"` // product | feature | term (default term)
	ID            string   `yaml:"id"`
	Variants      []string `yaml:"variants"`
	Deprecated    []string `yaml:"deprecated"`
	CaseSensitive *bool    `yaml:"case_sensitive"`
	Trademark     string   `yaml:"trademark"`
	Note          string   `yaml:"note"`
	Examples      Examples `yaml:"examples"`
	// Pos is where the term's mapping starts (its first key).
	Pos Pos `yaml:"-"`
	// VariantsPos and DeprecatedPos are the positions of each entry.
	VariantsPos   []Pos `yaml:"-"`
	DeprecatedPos []Pos `yaml:"-"`
}

// IsCaseSensitive applies the default: true for products and features.
func (t *Term) IsCaseSensitive() bool {
	if t.CaseSensitive != nil {
		return *t.CaseSensitive
	}
	return t.Kind == KindProduct || t.Kind == KindFeature
}

// Key is the term's id, or its name when it has none.
func (t *Term) Key() string {
	if t.ID != "" {
		return t.ID
	}
	return t.Name
}

// Examples are a term's self-tests.
type Examples struct {
	Bad  []string `yaml:"bad"`
	Good []string `yaml:"good"`
	// BadPos[i] and GoodPos[i] are the positions of Bad[i] and Good[i].
	BadPos  []Pos `yaml:"-"`
	GoodPos []Pos `yaml:"-"`
}

// Claim is an approved value-proposition claim.
type Claim struct {
	ID            string   `yaml:"id"`
	Text          string   `yaml:"text"`
	Pattern       string   `yaml:"pattern"`
	Value         *float64 `yaml:"value"`
	Source        string   `yaml:"source"`
	Citation      string   `yaml:"citation"` // "" | required | optional
	Expires       string   `yaml:"expires"`  // YYYY-MM-DD
	Products      []string `yaml:"products"`
	CaseSensitive bool     `yaml:"case_sensitive"`
	Replacement   string   `yaml:"replacement"` // optional fix text for mismatches
	Pos           Pos      `yaml:"-"`
	// ProductsPos[i] is the position of Products[i].
	ProductsPos []Pos `yaml:"-"`
}

// Disclaimer requires Text in any asset that matches one of When.
type Disclaimer struct {
	ID   string   `yaml:"id"`
	When []string `yaml:"when"`
	Text string   `yaml:"text"`
	Pos  Pos      `yaml:"-"`
}

// Forbidden is a phrase or RE2 pattern that must not appear.
type Forbidden struct {
	Phrase   string `yaml:"phrase"`
	Pattern  string `yaml:"pattern"`
	Message  string `yaml:"message"`
	Severity string `yaml:"severity"`
	Pos      Pos    `yaml:"-"`
}

// Funnel configures stage tagging.
type Funnel struct {
	Stages  []string            `yaml:"stages"`
	Paths   map[string][]string `yaml:"paths"`
	Signals map[string][]Signal `yaml:"signals"`
	// PathOrder keeps Paths keys in file order (first rule that matches wins).
	PathOrder []string `yaml:"-"`
	// SignalOrder keeps Signals keys in file order.
	SignalOrder []string `yaml:"-"`
}

// Signal is a weighted keyword for a funnel stage. In YAML it is either a
// plain string (weight 1) or {phrase, weight}.
type Signal struct {
	Phrase string  `yaml:"phrase"`
	Weight float64 `yaml:"weight"`
}

// Coverage sets the product x stage threshold.
type Coverage struct {
	Min      int    `yaml:"min"`
	Severity string `yaml:"severity"`
	// MinConfidence: an asset whose stage was decided from content with a
	// lower confidence counts in no coverage cell (coverage/gap and the
	// report's matrices); the report marks it. Default 0.5.
	MinConfidence float64 `yaml:"min_confidence"`
}

// DefaultMinConfidence is coverage.min_confidence when the config sets none.
const DefaultMinConfidence = 0.5

// Counts reports whether an asset with this stage confidence counts in
// the coverage cells (explicit stages have confidence 1).
func (c *Coverage) Counts(confidence float64) bool { return confidence >= c.MinConfidence }

// Override changes rule severities for files matching Files.
type Override struct {
	Files []string          `yaml:"files"`
	Rules map[string]string `yaml:"rules"`
	Pos   Pos               `yaml:"-"`
	// RuleOrder keeps the Rules keys in file order.
	RuleOrder []string `yaml:"-"`
}

// HTML holds HTML extraction settings.
type HTML struct {
	Ignore []string `yaml:"ignore"`
}

// Limits bound the work and memory spent on one input file, and on the
// config's own patterns. A zero field is unset: the default applies (see
// docs/config.md). The file limits are handed to the extractors; a file
// over one is reported (input/too-large, or input/degraded when it is
// still checked as plain text) and every other file is still checked.
type Limits struct {
	MaxFileSize     int `yaml:"max_file_size"`     // bytes
	MaxZipEntries   int `yaml:"max_zip_entries"`   // entries of an office archive
	MaxZipTotal     int `yaml:"max_zip_total"`     // uncompressed bytes of an office archive
	MaxZipRatio     int `yaml:"max_zip_ratio"`     // compression ratio of one archive entry
	MaxXMLDepth     int `yaml:"max_xml_depth"`     // element nesting of an office XML part
	MaxNestingDepth int `yaml:"max_nesting_depth"` // Markdown and HTML nesting
	MaxElements     int `yaml:"max_elements"`      // HTML elements, office XML nodes
	MaxRegexSize    int `yaml:"max_regex_size"`    // compiled instructions of one config pattern
	MaxRegexTotal   int `yaml:"max_regex_total"`   // compiled instructions of all config patterns
	// PDF bounds (docs/formats.md, "PDF limits")
	MaxPDFPages        int `yaml:"max_pdf_pages"`         // pages read from one PDF
	MaxPDFObjects      int `yaml:"max_pdf_objects"`       // cross-reference entries of one PDF
	MaxPDFStreamBytes  int `yaml:"max_pdf_stream_bytes"`  // decompressed bytes of one stream
	MaxPDFInflateBytes int `yaml:"max_pdf_inflate_bytes"` // decompressed bytes of all streams of one PDF
	MaxPDFWork         int `yaml:"max_pdf_work"`          // work units per MB of PDF
	PDFTimeout         int `yaml:"pdf_timeout"`           // seconds of wall time per PDF
	// The per-file budget, every format (docs/security.md)
	MaxFileMemory int `yaml:"max_file_memory"` // bytes charged beyond the file's size
	MaxWork       int `yaml:"max_work"`        // work units per MB of file
	MaxRegexWork  int `yaml:"max_regex_work"`  // pattern instructions × bytes matched, per MB of file
	FileTimeout   int `yaml:"file_timeout"`    // seconds of wall time per file
}

// Defaults of the config-pattern limits (the file limits' defaults are
// the extractors', extract.DefaultLimits).
const (
	DefaultMaxRegexSize  = 1000
	DefaultMaxRegexTotal = 50_000
)

// RegexSize returns the per-pattern limit in force.
func (l *Limits) RegexSize() int {
	if l.MaxRegexSize > 0 {
		return l.MaxRegexSize
	}
	return DefaultMaxRegexSize
}

// RegexTotal returns the all-patterns limit in force.
func (l *Limits) RegexTotal() int {
	if l.MaxRegexTotal > 0 {
		return l.MaxRegexTotal
	}
	return DefaultMaxRegexTotal
}
