package markup

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlTagNameEnd returns the end of the tag name in a raw start tag "<name...",
// as the tokenizer's readTagName finds it.
func htmlTagNameEnd(raw []byte) int {
	for k := 2; k < len(raw); k++ {
		switch raw[k] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return k
		}
	}
	return len(raw)
}

// htmlAttr locates one attribute in a raw tag: key raw[k0:k1], value
// raw[v0:v1] (inside the quotes when quoted).
type htmlAttr struct {
	k0, k1, v0, v1 int
}

func htmlIsSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// htmlScanAttrs finds the attributes of a complete raw start tag, mirroring
// the tokenizer's readTag: the same key and value boundaries, empty keys
// dropped, and only the first of duplicate keys (case-insensitive) kept.
func htmlScanAttrs(raw []byte, out []htmlAttr) []htmlAttr {
	out = out[:0]
	n := len(raw)
	p := htmlTagNameEnd(raw)
	skipWS := func() {
		for p < n && htmlIsSpace(raw[p]) {
			p++
		}
	}
	skipWS()
	for p < n && raw[p] != '>' {
		var a htmlAttr
		// key
		a.k0 = p
		for {
			if p >= n {
				a.k1 = p
				break
			}
			c := raw[p]
			p++
			if c == '=' && a.k0+1 == p {
				continue
			}
			if c == '=' || htmlIsSpace(c) || c == '/' || c == '>' {
				p--
				a.k1 = p
				break
			}
		}
		// value
		a.v0, a.v1 = p, p
		func() {
			skipWS()
			if p >= n {
				return
			}
			c := raw[p]
			p++
			if c == '/' {
				return
			}
			if c != '=' {
				p--
				return
			}
			skipWS()
			if p >= n {
				return
			}
			q := raw[p]
			p++
			switch q {
			case '>':
				p--
			case '"', '\'':
				a.v0 = p
				for {
					if p >= n {
						a.v1 = p
						return
					}
					c := raw[p]
					p++
					if c == q {
						a.v1 = p - 1
						return
					}
				}
			default:
				a.v0 = p - 1
				for {
					if p >= n {
						a.v1 = p
						return
					}
					c := raw[p]
					p++
					if htmlIsSpace(c) {
						a.v1 = p - 1
						return
					}
					if c == '>' {
						p--
						a.v1 = p
						return
					}
				}
			}
		}()
		if a.k0 != a.k1 && !htmlDupKey(raw, out, a) {
			out = append(out, a)
		}
		skipWS()
	}
	return out
}

func htmlDupKey(raw []byte, seen []htmlAttr, a htmlAttr) bool {
	key := raw[a.k0:a.k1]
	for _, s := range seen {
		if htmlKeyIs(raw[s.k0:s.k1], string(key)) {
			return true
		}
	}
	return false
}

// htmlKeyIs compares an attribute key with name, ignoring ASCII case only
// (as the tokenizer lower-cases keys).
func htmlKeyIs(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range len(key) {
		c, d := key[i], name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// htmlEntity decodes the character reference at the start of s ("&...")
// exactly as x/net/html does in text (attr false) or attribute values (attr
// true). It returns the decoded text and the number of source bytes it
// stands for; n == 0 means the '&' is a literal ampersand.
func htmlEntity(s []byte, attr bool) (val string, n int) {
	if len(s) < 2 {
		return "", 0
	}
	i := 1
	if s[1] == '#' {
		i = 2
		hex := false
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			hex = true
			i++
		}
		i0 := i
		for i < len(s) {
			c := s[i]
			if '0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				i++
				continue
			}
			break
		}
		if i == i0 {
			return "", 0
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		// Long runs of leading zeros or digits: the value saturates, and
		// x/net/html decodes the whole reference to one rune either way.
		return html.UnescapeString(string(s[:i])), i
	}
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	semi := i < len(s) && s[i] == ';'
	if semi {
		i++
	}
	if i == 1 || i == 2 && semi {
		return "", 0
	}
	if attr && !semi && i < len(s) && s[i] == '=' {
		return "", 0
	}
	const longestName = 32 // "&CounterClockwiseContourIntegral;" without '&'
	cand := s[:i]
	if i-1 > longestName {
		if attr {
			return "", 0
		}
		// Only a legacy entity without ';' (at most 6 letters) can match a
		// prefix of a long run.
		cand = s[:8]
	}
	out := html.UnescapeString(string(cand))
	if out == string(cand) {
		return "", 0
	}
	// out is either the whole reference decoded (1 or 2 runes), or a legacy
	// entity decoded from a prefix followed by the rest of cand verbatim.
	_, size := utf8.DecodeRuneInString(out)
	if rest := out[size:]; rest != "" && len(rest) < len(cand)-2 && strings.HasSuffix(string(cand), rest) &&
		!strings.Contains(rest[:len(rest)-1], ";") {
		if attr {
			return "", 0
		}
		return out[:size], len(cand) - len(rest)
	}
	if len(cand) != i {
		return "", 0 // cannot happen: a long run decoded in full
	}
	return out, i
}
