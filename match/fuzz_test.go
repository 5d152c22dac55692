package match

import (
	"reflect"
	"testing"
)

// FuzzMatch checks that matching any text never panics and returns
// ordered, non-overlapping, in-bounds matches on token boundaries.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{
		"Try CloudSync today", "Acme CloudSnyc", "acme/cloudsync CloudSync's", "Acme\u00a0Cloud-Sync",
		"\uFFFC CloudSync", "Ａｃｍｅ ＣｌｏｕｄＳｙｎｃ", "İstanbul Straße", "a.b.c -- @x __y", "",
		"ACME  CLOUDSYNC acme\tcloudsync Acme\u00a0Cloudsync cloud sync pro SIGNUP Sign-Ups Acme Insightz",
		"Acme CloudSnyc Acme Clodsync Acme CloudSyncs Acme Cloudsyn acme Insights acme insights",
	} {
		f.Add(s)
	}
	ix := testIndex(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text, nil)
		prev := int32(0)
		for _, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || int(tk.End) > len(text) {
				t.Fatalf("bad token %+v in %q", tk, text)
			}
			prev = tk.End
		}
		ms := ix.Find(text, toks, nil)
		if ref := ix.findRef(text, nil, nil); !reflect.DeepEqual(ms, ref) {
			t.Fatalf("%q: matches %+v, want %+v", text, ms, ref)
		}
		last := 0
		for _, m := range ms {
			if m.Start < last || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad match %+v in %q", m, text)
			}
			if m.Term < 0 || m.Term >= len(ix.Terms) {
				t.Fatalf("bad term %d", m.Term)
			}
			last = m.End
		}
		_ = LooseKey(text)
		_ = NormalizeSpace(text)
	})
}

// FuzzTokenize checks the one-pass tokenizer against the original one.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Try CloudSync today.", "Acme CloudSnyc", "acme/cloudsync CloudSync's", "Acme\u00a0Cloud-Sync",
		"\uFFFC CloudSync", "Ａｃｍｅ ＣｌｏｕｄＳｙｎｃ", "İstanbul Straße", "a.b.c -- @x __y", "",
		"(--flag) \"file.ext\". Done!) ”next’ ok?”x", "-x .-y ((-z ..a.b x.y. Node.js", "é.x x.é ü_ b\xffc.d",
		"abcdefghijklmnopqrstuvwxyz{|}~ abcdefgh\xffabcdefgZ abcdefg`abc wordsandwords\u00e9tre ab@cdefghijkl",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := Tokenize(text, nil), tokenizeRef(text, nil)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, want %d\n got %+v\nwant %+v", text, len(got), len(want), got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %+v, want %+v", text, i, got[i], want[i])
			}
		}
	})
}

// TestLowerRun checks the eight-byte lower-case scan against a byte loop.
func TestLowerRun(t *testing.T) {
	for p := 0; p < 8; p++ {
		for c := 0; c < 256; c++ {
			b := []byte("qwertyuiopz")
			b[p] = byte(c)
			want := 0
			for want < 8 && b[want] >= 'a' && b[want] <= 'z' {
				want++
			}
			if got := lowerRun(string(b), 0); got != want {
				t.Fatalf("%q: %d, want %d", b, got, want)
			}
			if got := lowerRun("xx"+string(b), 2); got != want {
				t.Fatalf("xx%q: %d, want %d", b, got, want)
			}
		}
	}
}
