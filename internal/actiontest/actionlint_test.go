package actiontest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"github.com/stretchr/testify/require"
)

// workflowBlocks returns the ```yaml blocks of docs/ci.md that are GitHub
// workflows.
func workflowBlocks(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root(t), "docs", "ci.md"))
	require.NoError(t, err)
	re := regexp.MustCompile("(?ms)^```ya?ml\n(.*?)^```")
	var out []string
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		if strings.Contains(m[1], "runs-on:") && strings.Contains(m[1], "\njobs:") {
			out = append(out, m[1])
		}
	}
	require.NotEmpty(t, out, "docs/ci.md has no example workflow")
	return out
}

// lintWorkflow lints a workflow as .github/workflows/ci.yml of a project
// whose root holds this repository's action.yml, so `uses: ./` resolves
// to the action and its inputs are checked.
func lintWorkflow(t *testing.T, workflow string) []*actionlint.Error {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755))
	action, err := os.ReadFile(filepath.Join(root(t), "action.yml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "action.yml"), action, 0o644))
	path := filepath.Join(dir, ".github", "workflows", "ci.yml")
	require.NoError(t, os.WriteFile(path, []byte(workflow), 0o644))
	var out bytes.Buffer
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{WorkingDir: dir, Oneline: true})
	require.NoError(t, err)
	proj, err := actionlint.NewProject(dir)
	require.NoError(t, err)
	errs, err := l.LintFile(path, proj)
	require.NoError(t, err)
	return errs
}

func TestActionlintExampleWorkflow(t *testing.T) {
	withAction := 0
	for _, wf := range workflowBlocks(t) {
		errs := lintWorkflow(t, wf)
		require.Empty(t, errs, "docs/ci.md workflow:\n%s", wf)

		// the same workflow using the action from this checkout: actionlint
		// reads action.yml and checks the inputs the workflow passes (the
		// sharded matrix runs the binary itself, without the action)
		local := regexp.MustCompile(`uses: msglint/msglint@\S+`).ReplaceAllString(wf, "uses: ./")
		if local == wf {
			continue
		}
		withAction++
		errs = lintWorkflow(t, local)
		require.Empty(t, errs, "with uses: ./")
	}
	require.Positive(t, withAction, "an example uses the msglint action")
}

// The check above would catch a wrong input name: prove it.
func TestActionlintCatchesUnknownInput(t *testing.T) {
	wf := `on: pull_request
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./
        with:
          fail_on: error
`
	errs := lintWorkflow(t, wf)
	require.NotEmpty(t, errs)
	require.Contains(t, errs[0].Message, "fail_on")
}
