package lint_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// wrapped makes a one-block document from source lines joined the way
// the Markdown extractor joins a paragraph's lines: each line an exact seg
// (after the prefix given), one synthetic space between them.
func wrapped(prefix string, lines ...string) *content.Document {
	d := &content.Document{Src: []byte(prefix + strings.Join(lines, "\n"+prefix) + "\n")}
	var b content.Block
	off := len(prefix)
	for i, l := range lines {
		if i > 0 {
			b.Text += " "
		}
		b.Segs = append(b.Segs, content.Seg{TextOff: len(b.Text), TextLen: len(l), SrcOff: off, SrcLen: len(l)})
		b.Text += l
		off += len(l) + 1 + len(prefix)
	}
	d.Blocks = []content.Block{b}
	return d
}

// TestRewrap: a match wrapped over lines gets a replacement that keeps
// each line break at a word boundary near its place.
func TestRewrap(t *testing.T) {
	for _, tc := range []struct {
		name   string
		doc    *content.Document
		match  string
		repl   string
		want   string
		wantOK bool
	}{
		{name: "one break", doc: wrapped("", "call it Relay by", "Brightwave, fine"), match: "Relay by Brightwave",
			repl: "Brightwave Relay", want: "Brightwave\nRelay", wantOK: true},
		{name: "indented continuation kept", doc: wrapped("  ", "says Relay", "by Brightwave here"), match: "Relay by Brightwave",
			repl: "Brightwave Relay", want: "Brightwave\n  Relay", wantOK: true},
		{name: "the break goes to the nearest space", doc: wrapped("", "the Acme Cloud", "Sync app"), match: "Acme Cloud Sync",
			repl: "Acme CloudSync Pro Max", want: "Acme CloudSync\nPro Max", wantOK: true},
		{name: "two breaks", doc: wrapped("", "x Acme", "Cloud", "Sync y"), match: "Acme Cloud Sync",
			repl: "Acme Cloud Sync Pro", want: "Acme\nCloud\nSync Pro", wantOK: true},
		{name: "a replacement without a space", doc: wrapped("", "the Cloud", "Sync app"), match: "Cloud Sync",
			repl: "CloudSync", wantOK: false},
		{name: "not wrapped: exact, nothing to keep", doc: wrapped("", "the Cloud Sync app"), match: "Cloud Sync",
			repl: "CloudSync", wantOK: false},
		{name: "a quote's markup between the lines", doc: wrapped("> ", "call it Relay by", "Brightwave, fine"), match: "Relay by Brightwave",
			repl: "Brightwave Relay", wantOK: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := tc.doc.Blocks[0].Text
			start := strings.Index(text, tc.match)
			got, ok := lint.Rewrap(tc.doc, 0, start, start+len(tc.match), tc.repl)
			assert.Equal(t, tc.wantOK, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}
