package match

import (
	"encoding/binary"
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
		if m := MaxTokens(text); m < len(got) || len(got) > len(text)/2+1 {
			t.Fatalf("%q: %d tokens, over MaxTokens %d or len/2+1", text, len(got), m)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d is %+v, want %+v", text, i, got[i], want[i])
			}
		}
	})
}

// lowerRun is Tokenize's eight-byte scan at text[i:] (i+8 <= len(text)).
func lowerRun(text string, i int) int {
	return lowerRun8(binary.LittleEndian.Uint64([]byte(text[i : i+8])))
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

// foldTokensRef folds the tokens one by one with AppendFolded, as the
// shared folded words were built before FoldTokens.
func foldTokensRef(dst []byte, text string, toks []Token) ([]byte, []int32) {
	base := len(dst)
	var ends []int32
	for _, tk := range toks {
		dst = AppendFolded(dst, text[tk.Start:tk.End], tk.Flags&FlagNonASCII != 0)
		ends = append(ends, int32(len(dst)-base))
	}
	return dst, ends
}

// checkFoldTokens compares FoldTokens with foldTokensRef on text, appending
// to a prefix with every spare capacity from none to more than enough.
func checkFoldTokens(t *testing.T, text string) {
	toks := Tokenize(text, nil)
	want, wantEnds := foldTokensRef([]byte("pre"), text, toks)
	for spare := 0; spare <= len(want)+9; spare++ {
		dst := append(make([]byte, 0, 3+spare), "pre"...)
		ends := make([]int32, len(toks))
		got := FoldTokens(dst, ends, text, toks)
		if string(got) != string(want) {
			t.Fatalf("%q (spare %d): folded %q, want %q", text, spare, got, want)
		}
		for k := range toks {
			if ends[k] != wantEnds[k] {
				t.Fatalf("%q (spare %d): ends %v, want %v", text, spare, ends, wantEnds)
			}
		}
		if len(want) > 3+len(text)+16 {
			break // non-ASCII folding grew it: the spare capacities above cover the cases
		}
	}
}

// TestFoldTokens: every ASCII byte at every position of an eight-byte chunk
// (the letters' neighbours '@', '[', '`', '{' included), and mixed text.
func TestFoldTokens(t *testing.T) {
	for p := 0; p < 10; p++ {
		for c := 0x21; c < 0x7f; c++ {
			b := []byte("AbCdEfGhIjZ")
			b[p] = byte(c)
			checkFoldTokens(t, string(b)+" x")
			checkFoldTokens(t, "Q "+string(b))
		}
	}
	for _, s := range []string{"", "A", "ÀB Straße İSTANBUL x", "WORDSANDMOREWORDS é ZZ", "a\xffB C\u00e9D EFGHIJKLMNOPQRSTUVWXYZ@[`{"} {
		checkFoldTokens(t, s)
	}
}

// FuzzFoldTokens checks FoldTokens against AppendFolded token by token.
func FuzzFoldTokens(f *testing.F) {
	for _, s := range []string{
		"Try CloudSync today.", "ACME CLOUDSYNC acme/cloudsync", "İstanbul Straße ÀÉ", "",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ abcdefgh\xffABCDEFGZ", "x", "Ａｃｍｅ ＣｌｏｕｄＳｙｎｃ ok",
	} {
		f.Add(s)
	}
	f.Fuzz(checkFoldTokens)
}

// TestLower8 checks the eight-byte lower-casing against lowerASCII on
// every byte value at every position.
func TestLower8(t *testing.T) {
	for p := 0; p < 8; p++ {
		for c := 0; c < 256; c++ {
			b := []byte("QwErTyZa")
			b[p] = byte(c)
			x := binary.LittleEndian.Uint64(b)
			var want [8]byte
			for i := range b {
				want[i] = lowerASCII[b[i]]
			}
			if got := lower8(x); got != binary.LittleEndian.Uint64(want[:]) {
				t.Fatalf("%q: %016x, want %q", b, got, want)
			}
		}
	}
}
