package funnel

import (
	"testing"

	"github.com/msglint/msglint/content"
)

func TestStopwordFilter(t *testing.T) {
	for w := range stopwords {
		if !isStopword([]byte(w)) {
			t.Errorf("%q not found", w)
		}
	}
	for _, w := range []string{"pricing", "demo", "thee", "yours2", "abcdefghijkl"} {
		if isStopword([]byte(w)) {
			t.Errorf("%q found", w)
		}
	}
}

func TestSourceShapes(t *testing.T) {
	for _, tc := range []struct {
		src         string
		code, steps int
	}{
		{"# Install\n\n1. Open Settings.\n2. Click Add.\n3) Save.\n", 0, 3},
		{"text\n```\n1. not a step\ncode\n```\n", 80, 0},
		{"<ol>\n<li>One</li><li>Two</li>\n<li>Three</li>\n</ol>\n<ul><li>x</li></ul>\n", 0, 3},
		{"2024. A year.\n10 tips\n", 0, 0},
	} {
		code, steps := sourceShapes(&content.Document{Src: []byte(tc.src)})
		if code != tc.code || steps != tc.steps {
			t.Errorf("%q: code %d steps %d, want %d %d", tc.src, code, steps, tc.code, tc.steps)
		}
	}
}

// checkShortWord compares shortWord with the byte-by-byte definitions on
// every prefix of b of 2 to 8 bytes, with other bytes after it in the
// slice's room.
func checkShortWord(t *testing.T, b []byte) {
	buf := append(append([]byte(nil), b...), 0xff, 'a', 'z', 0x80, '{', '`', 0x7f, 0)
	for n := 2; n <= min(8, len(b)); n++ {
		w := buf[:n]
		letters, packed := shortWord(w)
		want := 0
		for _, c := range w {
			if c >= 'a' && c <= 'z' || c >= 0x80 {
				want++
			}
		}
		if letters != want || packed != packWord(w) {
			t.Errorf("shortWord(%q) = %d, %#x; want %d, %#x", w, letters, packed, want, packWord(w))
		}
	}
}

func TestShortWord(t *testing.T) {
	for _, s := range []string{"ab", "pricing", "a{b`z", "naïve", "\x80\xff\x7f\x00", "12345678", "AZaz@[`{", "zzzzzzzz"} {
		checkShortWord(t, []byte(s))
	}
	var b [8]byte
	for c := range 256 {
		for i := range b {
			b[i] = byte(c + 37*i)
		}
		checkShortWord(t, b[:])
	}
}

func FuzzShortWord(f *testing.F) {
	for _, s := range []string{"ab", "naïve café", "\x80\xff\x7f\x00zz"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkShortWord)
}

// TestStopSeed: stopSeed is the first seed of the multiplier sequence
// that puts every stopword in a slot of its own (a changed list moves it:
// set it to what this test prints).
func TestStopSeed(t *testing.T) {
	for seed := uint64(1); seed <= stopSeed; seed++ {
		m := splitMix(seed) | 1
		slots := map[uint64]bool{}
		ok := true
		for w := range stopwords {
			if len(w) <= 8 {
				i := packWord([]byte(w)) * m >> (64 - stopBits)
				ok = ok && !slots[i]
				slots[i] = true
			}
		}
		if ok {
			if seed != stopSeed {
				t.Errorf("the first seed without collisions is %d, stopSeed is %d", seed, stopSeed)
			}
			return
		}
	}
	t.Errorf("stopSeed %d has collisions", stopSeed)
}
