package funnel

import (
	"slices"
	"testing"
)

func TestWordTable(t *testing.T) {
	var wt wordTable
	want := map[string][]int32{}
	for i := range 500 {
		w := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i%7))
		list := append(want[w], int32(i))
		want[w] = list
		wt.set(w, list)
	}
	for w, list := range want {
		got, ok := wt.get([]byte(w))
		if !ok || !slices.Equal(got, list) {
			t.Fatalf("get(%q) = %v, %v; want %v", w, got, ok, list)
		}
	}
	for _, w := range []string{"", "zzzz", "a", "ab"} {
		if _, ok := wt.get([]byte(w)); ok != (want[w] != nil) {
			t.Fatalf("get(%q): ok %v", w, ok)
		}
	}
}
