package claims

import (
	"testing"
	"unicode/utf8"
)

func TestParseNumber(t *testing.T) {
	usd := func(v float64) Number { return Number{Value: v, Unit: Money, Currency: "USD"} }
	tests := []struct {
		in   string
		want Number
		ok   bool
	}{
		{"38%", Number{Value: 38, Unit: Percent}, true},
		{"38 %", Number{Value: 38, Unit: Percent}, true},
		{"38\u00a0%", Number{Value: 38, Unit: Percent}, true},
		{"38 percent", Number{Value: 38, Unit: Percent}, true},
		{"38 per cent", Number{Value: 38, Unit: Percent}, true},
		{"38.5%", Number{Value: 38.5, Unit: Percent}, true},
		{"38,5 %", Number{Value: 38.5, Unit: Percent}, true},
		{"3x", Number{Value: 3, Unit: Multiplier}, true},
		{"3X", Number{Value: 3, Unit: Multiplier}, true},
		{"3×", Number{Value: 3, Unit: Multiplier}, true},
		{"3 ×", Number{Value: 3, Unit: Multiplier}, true},
		{"3 times", Number{Value: 3, Unit: Multiplier}, true},
		{"three times", Number{Value: 3, Unit: Multiplier}, true},
		{"twice", Number{Value: 2, Unit: Multiplier}, true},
		{"2.5x", Number{Value: 2.5, Unit: Multiplier}, true},
		{"10,000", Number{Value: 10000}, true},
		{"10000", Number{Value: 10000}, true},
		{"10k", Number{Value: 10000}, true},
		{"10K+", Number{Value: 10000, Plus: true}, true},
		{"10,000+", Number{Value: 10000, Plus: true}, true},
		{"1.2 million", Number{Value: 1.2e6}, true},
		{"$1.2M", usd(1.2e6), true},
		{"$1,200,000", usd(1.2e6), true},
		{"$1.2m", usd(1.2e6), true},
		{"$ 1.2 million", usd(1.2e6), true},
		{"US$5", usd(5), true},
		{"€360M", Number{Value: 360e6, Unit: Money, Currency: "EUR"}, true},
		{"360 €", Number{Value: 360, Unit: Money, Currency: "EUR"}, true},
		{"£2bn", Number{Value: 2e9, Unit: Money, Currency: "GBP"}, true},
		{"1.2 million USD", usd(1.2e6), true},
		{"1,234.5", Number{Value: 1234.5}, true},
		{"1.234,5", Number{Value: 1234.5}, true},
		{"1.234.567", Number{Value: 1234567}, true},
		{"1,5", Number{Value: 1.5}, true},
		{"0,999", Number{Value: 0.999}, true},
		{"seven", Number{Value: 7}, true},
		{"twenty", Number{Value: 20}, true},
		{"ten percent", Number{Value: 10, Unit: Percent}, true},
		{"1.2.3", Number{}, false},
		{"v1.2", Number{}, false},
		{"10th", Number{}, false},
		{"2FA", Number{}, false},
		{"x86", Number{}, false},
		{"38% higher", Number{}, false},
		{"twenty-one", Number{}, false},
		{"", Number{}, false},
		{"$", Number{}, false},
		{"1,2345", Number{Value: 1.2345}, true},
		{"12,34,567", Number{}, false},
	}
	for _, tc := range tests {
		got, ok := ParseNumber(tc.in)
		if ok != tc.ok {
			t.Errorf("ParseNumber(%q) ok = %v, want %v (%+v)", tc.in, ok, tc.ok, got)
			continue
		}
		if !ok {
			continue
		}
		if !got.Equal(tc.want) || got.Plus != tc.want.Plus {
			t.Errorf("ParseNumber(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestNumberForms(t *testing.T) {
	groups := [][]string{
		{"38%", "38 %", "38 percent", "38 per cent", "38.0%"},
		{"3x", "3×", "3 times", "three times", "3X"},
		{"2x", "2×", "twice", "two times"},
		{"10,000", "10000", "10k", "10K", "10 thousand"},
		{"$1.2M", "$1,200,000", "$1.2 million", "1.2M USD"},
	}
	for _, g := range groups {
		first, ok := ParseNumber(g[0])
		if !ok {
			t.Fatalf("%q does not parse", g[0])
		}
		for _, s := range g[1:] {
			n, ok := ParseNumber(s)
			if !ok || !n.Equal(first) {
				t.Errorf("%q = %+v (ok %v), want equal to %q = %+v", s, n, ok, g[0], first)
			}
		}
	}
	a, _ := ParseNumber("38%")
	b, _ := ParseNumber("38")
	if a.Equal(b) {
		t.Error("38% equals 38")
	}
	c, _ := ParseNumber("€1.2M")
	d, _ := ParseNumber("$1.2M")
	if c.Equal(d) {
		t.Error("€1.2M equals $1.2M")
	}
}

func TestNumberString(t *testing.T) {
	for in, want := range map[string]string{"38 percent": "38%", "three times": "3x", "$1.2M": "$1,200,000", "10k": "10,000", "1.5": "1.5", "€5": "€5"} {
		n, ok := ParseNumber(in)
		if !ok || n.String() != want {
			t.Errorf("%q: String() = %q (ok %v), want %q", in, n.String(), ok, want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"38%", "3×", "$1.2M", "10K+", "1.234,5", "three times", "38 per cent", "€360M", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumber(s)
		if ok {
			if n.Value < 0 || n.Value != n.Value {
				t.Fatalf("ParseNumber(%q) = %+v", s, n)
			}
			_ = n.String()
		}
		// scanning a text never panics and yields spans inside it
		for i := 0; i < len(s); i++ {
			if q, ok := scanAt(s, i); ok {
				if q.Start < 0 || q.End > len(s) || q.Start > q.End {
					t.Fatalf("scanAt(%q, %d) = %+v", s, i, q)
				}
				if utf8.ValidString(s) && !utf8.ValidString(s[q.Start:q.End]) {
					t.Fatalf("scanAt(%q, %d) cut a rune: %+v", s, i, q)
				}
			}
		}
		_ = FindQuantities(s, nil)
	})
}
