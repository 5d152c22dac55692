package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// SARIF 2.1.0 as GitHub code scanning reads it. The types below
// are the subset of the schema msglint writes, declared explicitly.

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	// sarifRootID is the uriBaseId every artifact location is relative to:
	// the repository root (Meta.Paths: GITHUB_WORKSPACE, else the git work
	// tree's top, else the config's folder), against which GitHub code
	// scanning resolves relative URIs, whatever the working folder and
	// wherever the config lies.
	sarifRootID = "%SRCROOT%"
	// fingerprintKey names msglint's partial fingerprint (versioned so the
	// recipe can change without confusing alert tracking).
	fingerprintKey = "msglintFindingHash/v1"

	// ToolURI is the project's home page.
	ToolURI = "https://github.com/msglint/msglint"
	// RulesDocURI is the rules reference; a rule's anchor is its id
	// without the slash (GitHub's heading anchors for `## naming/variant`).
	RulesDocURI = "https://github.com/msglint/msglint/blob/main/docs/rules.md"
)

// RuleHelpURI returns the documentation URL of a rule.
func RuleHelpURI(rule string) string {
	return RulesDocURI + "#" + strings.ReplaceAll(rule, "/", "")
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      sarifMessage    `json:"fullDescription"`
	Help                 sarifMessage    `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical         `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int           `json:"startLine"`
	StartColumn int           `json:"startColumn,omitempty"`
	EndLine     int           `json:"endLine,omitempty"`
	EndColumn   int           `json:"endColumn,omitempty"`
	Snippet     *sarifMessage `json:"snippet,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent sarifMessage `json:"insertedContent"`
}

// SARIF writes a SARIF 2.1.0 log with one run.
func SARIF(w io.Writer, res *driver.Result, meta *Meta) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: meta.ToolName, Version: meta.ToolVersion,
			SemanticVer: semver(meta.ToolVersion), InformationURI: ToolURI, Rules: []sarifRule{}}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	root := meta.Root
	if meta.Paths != nil {
		root = meta.Paths.RepoRoot
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{sarifRootID: {URI: dirURI(root)}}
	}
	index := map[string]int{}
	addRule := func(r *lint.Rule) int {
		if i, ok := index[r.Name]; ok {
			return i
		}
		index[r.Name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(r))
		return index[r.Name]
	}
	for _, r := range meta.Rules {
		addRule(r)
	}
	seen := map[string]int{}
	for i := range res.Findings {
		d := &res.Findings[i]
		ri, ok := index[d.Rule]
		if !ok {
			// a rule the metadata does not list (input/*, internal errors)
			ri = addRule(&lint.Rule{Name: d.Rule, Summary: d.Rule, Doc: d.Rule, Default: d.Severity})
		}
		key := Fingerprint(d)
		seen[key]++
		r := sarifResult{
			RuleID: d.Rule, RuleIndex: ri, Level: sarifLevel(d.Severity),
			Message:             sarifMessage{Text: d.Message},
			Locations:           []sarifLocation{sarifLoc(&d.Site, meta, true)},
			PartialFingerprints: map[string]string{fingerprintKey: fmt.Sprintf("%s:%d", key, seen[key])},
		}
		for j := range d.Related {
			id := j + 1
			l := sarifLoc(&d.Related[j], meta, false)
			l.ID = &id
			if d.Related[j].Match != "" {
				l.Message = &sarifMessage{Text: d.Related[j].Match}
			}
			r.RelatedLocations = append(r.RelatedLocations, l)
		}
		if f := sarifFixFor(d, meta); f != nil {
			r.Fixes = []sarifFix{*f}
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}})
}

// Fingerprint is a stable hash of a finding that does not depend on line
// numbers: rule, path, matched text and surrounding text. SARIF's
// partialFingerprints use it (plus an occurrence count for identical
// findings) so that code scanning alerts follow a finding across commits.
func Fingerprint(d *lint.Finding) string {
	h := sha256.New()
	for _, s := range []string{d.Rule, d.Path, d.Match, d.Context} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

func sarifRuleFor(r *lint.Rule) sarifRule {
	summary := strings.TrimSpace(r.Summary)
	if summary == "" {
		summary = r.Name
	}
	doc := strings.TrimSpace(r.Doc)
	if doc == "" {
		doc = summary
	}
	text, md := summary, "**"+summary+"**"
	if doc != summary {
		text += "\n\n" + doc
		md += "\n\n" + doc
	}
	if r.Bad != "" {
		text += "\n\nBad:\n    " + strings.ReplaceAll(r.Bad, "\n", "\n    ")
		md += "\n\nBad:\n\n```\n" + r.Bad + "\n```"
	}
	if r.Good != "" {
		text += "\n\nGood:\n    " + strings.ReplaceAll(r.Good, "\n", "\n    ")
		md += "\n\nGood:\n\n```\n" + r.Good + "\n```"
	}
	md += "\n\n[Documentation](" + RuleHelpURI(r.Name) + ")"
	level := sarifLevel(r.Default)
	if r.Default == lint.Off {
		level = "none"
	}
	return sarifRule{
		ID:                   r.Name,
		ShortDescription:     sarifMessage{Text: summary},
		FullDescription:      sarifMessage{Text: doc},
		Help:                 sarifMessage{Text: text, Markdown: md},
		HelpURI:              RuleHelpURI(r.Name),
		DefaultConfiguration: sarifRuleConfig{Level: level},
		Properties:           sarifRuleProps{Tags: []string{"msglint", r.Family()}},
	}
}

// sarifLoc converts a site (with the matched text as the region's snippet
// when it is exactly the source text). Office and PDF sites (Loc set) point at line 1
// of the file and carry the slide, paragraph or page as a logical location.
func sarifLoc(s *lint.Site, meta *Meta, snippet bool) sarifLocation {
	path, _ := meta.repo(s.Path)
	l := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact(s.Path, meta)}}
	if reg := sarifRegionFor(s); reg != nil {
		if snippet && s.Exact && s.Match != "" && s.Loc == "" {
			reg.Snippet = &sarifMessage{Text: s.Match}
		}
		l.PhysicalLocation.Region = reg
	}
	if s.Loc != "" {
		l.LogicalLocations = []sarifLogicalLocation{{Name: s.Loc, FullyQualifiedName: path + "/" + s.Loc, Kind: "element"}}
	}
	return l
}

func sarifRegionFor(s *lint.Site) *sarifRegion {
	if s.Path == "." || s.Path == "" {
		return nil
	}
	line := s.Line
	if line < 1 {
		line = 1
	}
	reg := &sarifRegion{StartLine: line}
	if s.Loc != "" || s.Col < 1 {
		return reg
	}
	reg.StartColumn = s.Col
	if s.EndLine >= line && s.EndCol >= 1 && (s.EndLine > line || s.EndCol >= s.Col) {
		reg.EndLine, reg.EndColumn = s.EndLine, s.EndCol
	}
	return reg
}

// sarifFixFor turns an exact fix into a replacement of the finding's own
// region (the fix replaces exactly the matched source bytes).
func sarifFixFor(d *lint.Finding, meta *Meta) *sarifFix {
	if d.Fix == nil || d.Fix.Start < 0 || d.Loc != "" || d.Col < 1 || d.EndLine < 1 || d.EndCol < 1 {
		return nil
	}
	reg := sarifRegionFor(&d.Site)
	if reg == nil || reg.EndLine == 0 {
		return nil
	}
	reg.Snippet = nil
	return &sarifFix{
		Description: sarifMessage{Text: fmt.Sprintf("Replace %q with %q", d.Match, d.Fix.Replacement)},
		ArtifactChanges: []sarifArtifactChange{{
			ArtifactLocation: sarifArtifact(d.Path, meta),
			Replacements:     []sarifReplacement{{DeletedRegion: *reg, InsertedContent: sarifMessage{Text: d.Fix.Replacement}}},
		}},
	}
}

// sarifArtifact locates a file: a URI relative to the repository root
// (%SRCROOT%), or the file: URI of a file outside the repository.
func sarifArtifact(p string, meta *Meta) sarifArtifactLoc {
	rel, ok := meta.repo(p)
	if !ok {
		return sarifArtifactLoc{URI: fileURI(rel)}
	}
	return sarifArtifactLoc{URI: pathURI(rel), URIBaseID: sarifRootID}
}

// pathURI percent-encodes a relative slash path as a URI reference.
func pathURI(p string) string {
	u := url.URL{Path: p}
	s := u.EscapedPath()
	// a first segment with a colon would read as a scheme
	if i := strings.IndexAny(s, ":/"); i >= 0 && s[i] == ':' {
		s = "./" + s
	}
	return s
}

// dirURI is the file: URI of an absolute folder, ending in a slash.
func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return fileURI(p)
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// semver returns v if it looks like a semantic version.
func semver(v string) string {
	v = strings.TrimPrefix(v, "v")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 3 {
		return ""
	}
	for _, p := range parts[:2] {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return v
}
