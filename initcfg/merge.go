package initcfg

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/msglint/msglint/initcfg/glossary"
	"github.com/msglint/msglint/match"
)

// ImportedFile is the file `init --from` writes beside an existing config,
// which the config then extends.
const ImportedFile = "msglint.imported.yaml"

// MergeInto prepares the import of glossaries into an existing config:
// existing maps every name, variant and deprecated form of the config's
// own terms to where it is ("msglint.yaml:12"). An
// imported term with a form the config already has is dropped and
// reported (the config's entry stays as it is).
func MergeInto(res *glossary.Result, sources []string, existingForms map[string]string) *Proposal {
	existing := map[string]string{}
	for f, w := range existingForms {
		if k := match.LooseKey(f); k != "" {
			if old, ok := existing[k]; !ok || w < old {
				existing[k] = w
			}
		}
	}
	kept := res.Terms[:0]
	for _, t := range res.Terms {
		where := ""
		for _, f := range append(append([]string{t.Name}, t.Variants...), t.Deprecated...) {
			if w, ok := existing[match.LooseKey(f)]; ok && where == "" {
				where = fmt.Sprintf("%q is already in the config (%s): skipped", f, w)
			}
		}
		if where != "" {
			res.Problems = append(res.Problems, glossary.Problem{File: t.File, Line: t.Line, Msg: where})
			continue
		}
		kept = append(kept, t)
	}
	res.Terms = kept
	p := &Proposal{Imported: res, Sources: sources}
	p.mergeImported()
	return p
}

// ImportYAML renders the imported terms and forbidden phrases alone, as
// the file an existing config extends.
func (p *Proposal) ImportYAML(schemaURL string) []byte {
	var b bytes.Buffer
	if schemaURL != "" {
		fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n#\n", schemaURL)
	}
	fmt.Fprintf(&b, "# Written by `msglint init --from` from %s; the config extends it.\n", strings.Join(p.Sources, ", "))
	b.WriteString("# Run it again to refresh it; edit the terms in the config itself.\nversion: 1\n")
	if len(p.Imported.Terms) == 0 {
		b.WriteString("\nterms: []\n")
	} else {
		b.WriteString("\nterms:\n")
		writeImported(&b, p)
	}
	if cs := p.Competitors(); len(cs) > 0 {
		b.WriteString("\ncompetitors:\n")
		for _, c := range cs {
			fmt.Fprintf(&b, "  - %s\n", q(c))
		}
	}
	if len(p.Imported.Forbidden) > 0 {
		b.WriteString("\nforbidden:\n")
		for _, f := range p.Imported.Forbidden {
			if f.Pattern != "" {
				fmt.Fprintf(&b, "  - pattern: %s\n", q(f.Pattern))
			} else {
				fmt.Fprintf(&b, "  - phrase: %s\n", q(f.Phrase))
			}
		}
	}
	return b.Bytes()
}

var (
	extendsKey  = regexp.MustCompile(`(?m)^extends[ \t]*:[ \t]*(.*)$`)
	versionKey  = regexp.MustCompile(`(?m)^version[ \t]*:.*$`)
	topLevelKey = regexp.MustCompile(`(?m)^[A-Za-z_]`)
)

// AddExtends returns a config's text with rel added to its top-level
// extends: list, keeping every other byte: a flow list gets one more
// entry, a block list one more item, and a config without extends a new
// line after `version:` (or first). changed is false when the list
// already names rel.
func AddExtends(src []byte, rel string) (out []byte, changed bool, err error) {
	entry := q(rel)
	m := extendsKey.FindSubmatchIndex(src)
	if m == nil {
		line := []byte("extends: [" + entry + "]  # the glossaries imported by `msglint init --from`\n")
		at := 0
		if v := versionKey.FindIndex(src); v != nil {
			at = v[1]
			if at < len(src) && src[at] == '\n' {
				at++
			} else {
				line = append([]byte("\n"), line...)
			}
		} else {
			// after the leading comments, so that a schema comment stays first
			for at < len(src) && src[at] == '#' {
				nl := bytes.IndexByte(src[at:], '\n')
				if nl < 0 {
					at = len(src)
					break
				}
				at += nl + 1
			}
		}
		return splice(src, at, line), true, nil
	}
	value := strings.TrimSpace(string(src[m[2]:m[3]]))
	if i := strings.Index(value, " #"); i >= 0 {
		value = strings.TrimSpace(value[:i])
	}
	switch {
	case strings.HasPrefix(value, "[") && strings.HasSuffix(value, "]"):
		inner := strings.TrimSpace(value[1 : len(value)-1])
		for _, e := range strings.Split(inner, ",") {
			if strings.Trim(strings.TrimSpace(e), `"'`) == rel {
				return src, false, nil
			}
		}
		end := m[2] + strings.LastIndex(string(src[m[2]:m[3]]), "]")
		add := entry
		if inner != "" {
			add = ", " + entry
		}
		return splice(src, end, []byte(add)), true, nil
	case value == "":
		// a block list: its items follow, up to the next top-level key
		rest := src[m[1]:]
		end := len(src)
		if k := topLevelKey.FindIndex(rest[min(1, len(rest)):]); k != nil {
			end = m[1] + min(1, len(rest)) + k[0]
		}
		indent := "  "
		first := true
		for _, l := range strings.Split(string(src[m[1]:end]), "\n") {
			t := strings.TrimSpace(l)
			if !strings.HasPrefix(t, "-") {
				continue
			}
			if first {
				indent, first = l[:len(l)-len(strings.TrimLeft(l, " "))], false
			}
			if strings.Trim(strings.TrimSpace(t[1:]), `"'`) == rel {
				return src, false, nil
			}
		}
		at := m[1]
		if at < len(src) {
			at++ // past the newline
		}
		return splice(src, at, []byte(indent+"- "+entry+"\n")), true, nil
	}
	return nil, false, fmt.Errorf("extends: is neither a [list] nor a block list: add %s to it by hand", entry)
}

func splice(src []byte, at int, ins []byte) []byte {
	out := make([]byte, 0, len(src)+len(ins))
	out = append(out, src[:at]...)
	out = append(out, ins...)
	return append(out, src[at:]...)
}
