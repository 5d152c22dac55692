package initcfg

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAddExtends(t *testing.T) {
	const rel = "msglint.imported.yaml"
	for _, tc := range []struct{ name, in, want string }{
		{"none, after version", "# c\nversion: 1\nterms: []\n", "# c\nversion: 1\nextends: [\"msglint.imported.yaml\"]  # the glossaries imported by `msglint init --from`\nterms: []\n"},
		{"none, no version", "# schema\nterms: []\n", "# schema\nextends: [\"msglint.imported.yaml\"]  # the glossaries imported by `msglint init --from`\nterms: []\n"},
		{"flow", "version: 1\nextends: [base.yaml]  # shared\n", "version: 1\nextends: [base.yaml, \"msglint.imported.yaml\"]  # shared\n"},
		{"empty flow", "extends: []\n", "extends: [\"msglint.imported.yaml\"]\n"},
		{"block", "extends:\n- base.yaml\nterms: []\n", "extends:\n- \"msglint.imported.yaml\"\n- base.yaml\nterms: []\n"},
		{"already", "extends: [base.yaml, \"msglint.imported.yaml\"]\n", "extends: [base.yaml, \"msglint.imported.yaml\"]\n"},
		{"already block", "extends:\n  - msglint.imported.yaml\n", "extends:\n  - msglint.imported.yaml\n"},
	} {
		got, changed, err := AddExtends([]byte(tc.in), rel)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.want, string(got), tc.name)
		require.Equal(t, tc.in != tc.want, changed, tc.name)
	}
	_, _, err := AddExtends([]byte("extends: base.yaml\n"), rel)
	require.EqualError(t, err, `extends: is neither a [list] nor a block list: add "msglint.imported.yaml" to it by hand`)
}
