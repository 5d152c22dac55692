package config

import (
	"maps"
	"slices"
	"strings"
)

// merge folds src (a later file) into dst:
//   - scalars and plain lists (version, defaults, include, exclude,
//     front_matter, competitors, funnel.stages, coverage.*, html.ignore,
//     limits.*)
//     are replaced when src sets them;
//   - terms, claims, disclaimers and forbidden are appended, and an entry
//     with the same identity as an earlier one replaces it in place
//     (terms: same name, or same id when both have one; claims and
//     disclaimers: same id; forbidden: same phrase and pattern);
//   - overrides are appended (later overrides win when both match);
//   - maps (teams, audiences, objections, rules, funnel.paths,
//     funnel.signals) merge key by key: src's value for a key replaces
//     dst's; new keys are added after the existing ones.
func merge(dst, src *Config) {
	set := func(k string) bool { _, ok := src.present[k]; return ok }
	if set("version") {
		dst.Version = src.Version
	}
	if set("defaults") {
		dst.Defaults = src.Defaults
	}
	replace := func(k string, d *[]string, s []string) {
		if set(k) {
			*d = s
		}
	}
	replace("include", &dst.Include, src.Include)
	replace("exclude", &dst.Exclude, src.Exclude)
	replace("front_matter", &dst.FrontMatter, src.FrontMatter)
	replace("competitors", &dst.Competitors, src.Competitors)
	replace("funnel.stages", &dst.Funnel.Stages, src.Funnel.Stages)
	replace("html.ignore", &dst.HTML.Ignore, src.HTML.Ignore)
	if set("coverage.min") {
		dst.Coverage.Min = src.Coverage.Min
	}
	if set("coverage.min_confidence") {
		dst.Coverage.MinConfidence = src.Coverage.MinConfidence
	}
	if set("coverage.severity") {
		dst.Coverage.Severity = src.Coverage.Severity
	}
	for _, l := range []struct {
		key      string
		dst, src *int
	}{
		{"max_file_size", &dst.Limits.MaxFileSize, &src.Limits.MaxFileSize},
		{"max_zip_entries", &dst.Limits.MaxZipEntries, &src.Limits.MaxZipEntries},
		{"max_zip_total", &dst.Limits.MaxZipTotal, &src.Limits.MaxZipTotal},
		{"max_zip_ratio", &dst.Limits.MaxZipRatio, &src.Limits.MaxZipRatio},
		{"max_xml_depth", &dst.Limits.MaxXMLDepth, &src.Limits.MaxXMLDepth},
		{"max_nesting_depth", &dst.Limits.MaxNestingDepth, &src.Limits.MaxNestingDepth},
		{"max_elements", &dst.Limits.MaxElements, &src.Limits.MaxElements},
		{"max_regex_size", &dst.Limits.MaxRegexSize, &src.Limits.MaxRegexSize},
		{"max_regex_total", &dst.Limits.MaxRegexTotal, &src.Limits.MaxRegexTotal},
		{"max_pdf_pages", &dst.Limits.MaxPDFPages, &src.Limits.MaxPDFPages},
		{"max_pdf_objects", &dst.Limits.MaxPDFObjects, &src.Limits.MaxPDFObjects},
		{"max_pdf_stream_bytes", &dst.Limits.MaxPDFStreamBytes, &src.Limits.MaxPDFStreamBytes},
		{"max_pdf_inflate_bytes", &dst.Limits.MaxPDFInflateBytes, &src.Limits.MaxPDFInflateBytes},
		{"max_pdf_work", &dst.Limits.MaxPDFWork, &src.Limits.MaxPDFWork},
		{"pdf_timeout", &dst.Limits.PDFTimeout, &src.Limits.PDFTimeout},
		{"max_file_memory", &dst.Limits.MaxFileMemory, &src.Limits.MaxFileMemory},
		{"max_work", &dst.Limits.MaxWork, &src.Limits.MaxWork},
		{"max_regex_work", &dst.Limits.MaxRegexWork, &src.Limits.MaxRegexWork},
		{"file_timeout", &dst.Limits.FileTimeout, &src.Limits.FileTimeout},
	} {
		if set("limits." + l.key) {
			*l.dst = *l.src
		}
	}
	dst.Glossary = append(dst.Glossary, src.Glossary...)
	dst.GlossaryPos = append(dst.GlossaryPos, src.GlossaryPos...)

	dst.Terms = mergeList(dst.Terms, src.Terms, func(a, b *Term) bool {
		return a.Name == b.Name || (a.ID != "" && a.ID == b.ID)
	})
	dst.Claims = mergeList(dst.Claims, src.Claims, func(a, b *Claim) bool { return a.ID == b.ID })
	dst.Disclaimers = mergeList(dst.Disclaimers, src.Disclaimers, func(a, b *Disclaimer) bool {
		return a.ID != "" && a.ID == b.ID
	})
	dst.Forbidden = mergeList(dst.Forbidden, src.Forbidden, func(a, b *Forbidden) bool {
		return a.Phrase == b.Phrase && a.Pattern == b.Pattern
	})
	dst.Overrides = append(dst.Overrides, src.Overrides...)

	mergeMap(&dst.Teams, &dst.TeamOrder, src.Teams, src.TeamOrder)
	mergeMap(&dst.Audiences, &dst.AudienceOrder, src.Audiences, src.AudienceOrder)
	mergeMap(&dst.Objections, &dst.ObjectionOrder, src.Objections, src.ObjectionOrder)
	mergeMap(&dst.Rules, &dst.RuleOrder, src.Rules, src.RuleOrder)
	mergeMap(&dst.Funnel.Paths, &dst.Funnel.PathOrder, src.Funnel.Paths, src.Funnel.PathOrder)
	mergeMap(&dst.Funnel.Signals, &dst.Funnel.SignalOrder, src.Funnel.Signals, src.Funnel.SignalOrder)

	if dst.present == nil {
		dst.present = map[string]Pos{}
	}
	maps.Copy(dst.present, src.present)
}

func mergeList[T any](dst, src []T, same func(a, b *T) bool) []T {
	n := len(dst) // entries of src never replace each other
outer:
	for i := range src {
		for j := 0; j < n; j++ {
			if same(&dst[j], &src[i]) { // by pointer: no copy of the entry
				dst[j] = src[i]
				continue outer
			}
		}
		dst = append(dst, src[i])
	}
	return dst
}

func mergeMap[V any](dst *map[string]V, order *[]string, src map[string]V, srcOrder []string) {
	if len(src) == 0 {
		return
	}
	if *dst == nil {
		*dst = map[string]V{}
	}
	for _, k := range srcOrder {
		v, ok := src[k]
		if !ok {
			continue
		}
		if _, had := (*dst)[k]; !had {
			*order = append(*order, k)
		}
		(*dst)[k] = v
	}
	// Keys without an order entry (maps built by hand): sorted, last.
	var rest []string
	for k := range src {
		if !slices.Contains(srcOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		if _, had := (*dst)[k]; !had {
			*order = append(*order, k)
		}
		(*dst)[k] = src[k]
	}
}

// fold normalises a surface form for collision checks: case-folded,
// white space collapsed.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// checkMerged runs the checks that need the merged config: funnel keys
// against the stages, term id uniqueness, surface forms shared between
// terms, claims' product references. partial means files named in
// extends/glossary were not read (Parse), so the checks that need their
// content (stages, product references) are skipped.
//
// Harmless redundancies go to warns, not errs: a variant listed twice in
// one term (the same form up to case: matching ignores case), or a variant
// equal to its own term's name. A form owned by two terms, or listed both
// as a variant and as a deprecated name, stays an error.
func checkMerged(c *Config, errs, warns *errList, partial bool) {
	for _, sec := range []struct {
		name  string
		order []string
	}{{"paths", c.Funnel.PathOrder}, {"signals", c.Funnel.SignalOrder}} {
		for _, k := range sec.order {
			if partial {
				break
			}
			if !slices.Contains(c.Funnel.Stages, k) {
				p := c.present["funnel."+sec.name+"."+k]
				errs.at(p, len([]rune(k)), "funnel %s: unknown stage %q (stages: %s)%s", sec.name, k,
					strings.Join(c.Funnel.Stages, ", "), didYouMean(k, c.Funnel.Stages))
			}
		}
	}

	type owner struct {
		term int
		pos  Pos
		kind string
	}
	canon := map[string]int{}
	ids := map[string]int{}
	for i := range c.Terms {
		t := &c.Terms[i]
		if t.Name != "" {
			if _, ok := canon[fold(t.Name)]; !ok {
				canon[fold(t.Name)] = i
			}
		}
		if t.ID != "" {
			if j, dup := ids[t.ID]; dup {
				errs.at(t.Pos, 0, "duplicate term id %q (also used by term %q at %s)", t.ID, c.Terms[j].Name, where(c.Terms[j].Pos, t.Pos))
			} else {
				ids[t.ID] = i
			}
		}
	}
	surfaces := map[string]owner{}
	for i := range c.Terms {
		t := &c.Terms[i]
		for _, list := range []struct {
			kind  string
			forms []string
			pos   []Pos
		}{{"variant", t.Variants, t.VariantsPos}, {"deprecated name", t.Deprecated, t.DeprecatedPos}} {
			for j, s := range list.forms {
				if strings.TrimSpace(s) == "" {
					continue
				}
				p := t.Pos
				if j < len(list.pos) {
					p = list.pos[j]
				}
				f := fold(s)
				if k, ok := canon[f]; ok && k != i {
					errs.at(p, 0, "term %q: %s %q is the name of term %q (%s)", t.Name, list.kind, s, c.Terms[k].Name, where(c.Terms[k].Pos, p))
					continue
				}
				if k, ok := canon[f]; ok && k == i && list.kind == "variant" {
					// a variant in another case than the name is how a
					// term says that casing is wrong (name GitHub,
					// variant Github): only the name itself is redundant
					if s == t.Name {
						warns.at(p, len([]rune(s)), "term %q: variant %q is redundant: it is the term's name (%s)", t.Name, s, where(t.Pos, p))
					}
					continue
				}
				if o, ok := surfaces[f]; ok {
					switch {
					case o.term != i:
						errs.at(p, 0, "term %q: %s %q is also a %s of term %q (%s)", t.Name, list.kind, s, o.kind, c.Terms[o.term].Name, where(o.pos, p))
					case o.pos == p:
					case o.kind != list.kind:
						errs.at(p, 0, "term %q: %q is both a %s and a %s (%s)", t.Name, s, o.kind, list.kind, where(o.pos, p))
					case list.kind == "variant":
						warns.at(p, len([]rune(s)), "term %q: variant %q is redundant: it is listed twice (%s), and variants match whatever their case", t.Name, s, where(o.pos, p))
					default:
						errs.at(p, 0, "term %q: %q is listed twice (%s)", t.Name, s, where(o.pos, p))
					}
					continue
				}
				surfaces[f] = owner{i, p, list.kind}
			}
		}
	}

	var keys []string
	for i := range c.Terms {
		keys = append(keys, c.Terms[i].Key())
	}
	for i := range c.Claims {
		if partial {
			break
		}
		cl := &c.Claims[i]
		for j, prod := range cl.Products {
			if strings.TrimSpace(prod) == "" {
				continue
			}
			found := slices.ContainsFunc(c.Terms, func(t Term) bool { return t.ID == prod || t.Name == prod })
			if found {
				continue
			}
			p := cl.Pos
			if j < len(cl.ProductsPos) {
				p = cl.ProductsPos[j]
			}
			errs.at(p, len([]rune(prod)), "claim %q: unknown product %q (products name a term's id or name)%s", cl.ID, prod, didYouMean(prod, keys))
		}
	}
}
