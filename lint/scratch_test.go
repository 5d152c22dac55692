package lint

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/match"
)

// docOf is a document of the given blocks' texts under a budget with no
// memory limit (what is charged can be read back).
func docOf(texts ...string) *content.Document {
	d := &content.Document{Budget: content.NewBudget(content.BudgetLimits{})}
	for _, t := range texts {
		d.Blocks = append(d.Blocks, content.Block{Text: t})
	}
	return d
}

// Tokens and Words give each block what match.Tokenize and
// match.AppendFolded give, when the tokens fill the first array (prose,
// then dense blocks: one token every two bytes) and new arrays are made;
// the charges are the same on every run, whatever the pool hands back,
// and cover the arrays made.
func TestDocTokensArrays(t *testing.T) {
	prose := strings.Repeat("Our platform helps teams ship faster. ", 20)
	dense := strings.Repeat("a b ", 3000)
	cases := map[string][]string{
		"prose":          {prose, prose, prose},
		"dense after":    {prose, prose, dense, prose, dense},
		"dense first":    {dense, prose},
		"one huge block": {strings.Repeat("x y ", 100_000)},
		"empty":          {"", "", prose, ""},
		"non-ASCII":      {strings.Repeat("日本 é ü ", 2000), prose},
	}
	for name, texts := range cases {
		t.Run(name, func(t *testing.T) {
			var charged []int64
			for run := 0; run < 3; run++ {
				d := docOf(texts...)
				p := NewPass(&Env{}, d)
				for i, text := range texts {
					want := match.Tokenize(text, nil)
					got := p.Tokens(i)
					require.Equal(t, len(want), len(got), "block %d", i)
					if len(want) > 0 {
						assert.Equal(t, want, got, "block %d", i)
					}
					w := p.Words(i)
					require.Equal(t, len(want), w.Len())
					for k, tk := range want {
						f := match.AppendFolded(nil, text[tk.Start:tk.End], tk.Has(match.FlagNonASCII))
						assert.Equal(t, string(f), string(w.Word(k)))
					}
				}
				n := 0
				for _, blk := range p.tokens.blocks {
					n += len(blk)
				}
				assert.Equal(t, n, p.tokens.n)
				alloc, _, _ := d.Budget.Used()
				assert.GreaterOrEqual(t, alloc, int64(n*tokenBytes), "the tokens are charged")
				charged = append(charged, alloc)
				p.Release()
			}
			assert.Equal(t, charged[0], charged[1], "charges do not depend on the pool")
			assert.Equal(t, charged[0], charged[2])
		})
	}
}

// A budget with no room for the tokens stops before they are made.
func TestDocTokensOverBudget(t *testing.T) {
	text := strings.Repeat("the Acme best-in-class word ", 10_000) // 280 KB, 60,000 tokens
	d := &content.Document{Blocks: []content.Block{{Text: text}},
		Budget: content.NewBudget(content.BudgetLimits{Memory: 500_000})}
	p := NewPass(&Env{}, d)
	defer p.Release()
	var be *content.BudgetError
	func() {
		defer func() { be, _ = content.AsBudgetError(recover()) }()
		p.Tokens(0)
	}()
	require.NotNil(t, be, "60,000 tokens of 12 bytes do not fit in 500,000 bytes")
	assert.Nil(t, p.tokens, "no tokens kept")
}
