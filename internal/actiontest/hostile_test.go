package actiontest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runnerCommand is one workflow command a runner would execute.
type runnerCommand struct{ name, props, data string }

var commandRe = regexp.MustCompile(`^::([A-Za-z-]+)( [^:]*)?::(.*)$`)

// runnerCommands reads a job log the way the runner does: every line
// (split at LF and at CR) that starts, after blanks, with "::" is a
// command, except between ::stop-commands::TOKEN and ::TOKEN::.
func runnerCommands(log string) []runnerCommand {
	var out []runnerCommand
	stopToken := ""
	for _, line := range regexp.MustCompile(`\r\n|\r|\n`).Split(log, -1) {
		line = strings.TrimLeft(line, " \t")
		if stopToken != "" {
			if line == "::"+stopToken+"::" {
				stopToken = ""
			}
			continue
		}
		m := commandRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if m[1] == "stop-commands" {
			stopToken = m[3]
			continue
		}
		out = append(out, runnerCommand{m[1], strings.TrimSpace(m[2]), m[3]})
	}
	return out
}

func TestRunnerCommandsModel(t *testing.T) {
	cmds := runnerCommands("a\n  ::error file=x::m\r::add-mask::s\n::stop-commands::tok\n::warning::no\n::tok::\n::notice::yes\n")
	assert.Equal(t, []runnerCommand{{"error", "file=x", "m"}, {"add-mask", "", "s"}, {"notice", "", "yes"}}, cmds)
}

// A pull request controls file names, content and the config: nothing in
// them may become a workflow command in the job log. The only commands
// are msglint's annotations, with the hostile file name escaped.
func TestActionLogInjection(t *testing.T) {
	bin := buildMsglint(t)
	work, _ := prRepo(t, false)
	write(t, work, "::error title=X::pwned.md", "CloudSync here.\n")
	write(t, work, "site/cr.md", "CloudSync\r::warning file=a.md::pwned\r::add-mask::secret\n  ::add-mask::indented CloudSync\n")
	write(t, work, "site/esc.md", "Title \x1b]0;pwned\x07 CloudSync \x1b[2J \x1b]52;c;cHduZWQ=\x07\n")
	git(t, work, "add", "-A")
	git(t, work, "commit", "-q", "-m", "hostile")
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push"}
	r := runAction(t, work, map[string]string{"fail-on": "never"}, env, map[string]any{})
	require.Equal(t, 0, r.code, r.stdout)
	cmds := runnerCommands(r.stdout)
	files := map[string]bool{}
	for _, c := range cmds {
		require.Contains(t, []string{"error", "warning", "notice"}, c.name, "a %q command reached the log: %+v\n%s", c.name, c, r.stdout)
		require.Regexp(t, `^(file=[^,]*,line=\d+.*,)?title=[a-z-]+/[a-z-]+$`, c.props)
		if f, _, ok := strings.Cut(strings.TrimPrefix(c.props, "file="), ","); ok {
			files[f] = true
		}
	}
	assert.True(t, files["%3A%3Aerror title=X%3A%3Apwned.md"], "the hostile name is an escaped property: %v", files)
	assert.True(t, files["site/cr.md"])
	assert.False(t, files["a.md"], "a forged annotation")
	assert.NotContains(t, r.stdout, "\x1b", "no raw escape in the log")
	assert.NotContains(t, r.stdout, "\x07")
	// the text report is in the log, inside stop-commands
	assert.Contains(t, r.stdout, "::stop-commands::msglint-")
	assert.Contains(t, r.stdout, `site/esc.md:1:18: error:`)
}

// A config error (here a pull request's msglint.yaml whose bad lines hold
// commands) is shown, but not run.
func TestActionConfigErrorLog(t *testing.T) {
	bin := buildMsglint(t)
	work, base := prRepo(t, false)
	write(t, work, "msglint.yaml", "version: 1\n::add-mask::secret: 1\nextends: [.git/config]\n")
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "pull_request"}
	r := runAction(t, work, nil, env, prEvent(base))
	require.Equal(t, 2, r.code, r.stdout)
	require.Equal(t, "2", r.outputs["exit-code"])
	// one command: the action's own pointer to the log
	assert.Equal(t, []runnerCommand{{"error", "title=msglint", "msglint exited with code 2 (a usage or configuration error): see the log above"}},
		runnerCommands(r.stdout), r.stdout)
	assert.Contains(t, r.stdout, "is inside a .git folder")
	assert.NotContains(t, r.stdout, "AUTHORIZATION")
}

// setup-go is pinned by commit and takes the Go version from msglint's
// go.mod; the Go version is not a floating "stable".
func TestActionPinsSetupGo(t *testing.T) {
	a := loadAction(t)
	found := false
	for _, s := range a.Runs.Steps {
		if !strings.HasPrefix(s.Uses, "actions/setup-go@") {
			continue
		}
		found = true
		require.Regexp(t, `^actions/setup-go@[0-9a-f]{40}$`, s.Uses, "pin by full commit SHA")
		require.Equal(t, "${{ github.action_path }}/go.mod", s.With["go-version-file"])
		require.Empty(t, s.With["go-version"])
	}
	require.True(t, found)
	data, err := os.ReadFile(filepath.Join(root(t), "action.yml"))
	require.NoError(t, err)
	require.Regexp(t, `actions/setup-go@[0-9a-f]{40} # v\d+\.\d+\.\d+`, string(data), "the pin names its tag")
}

// An input quoted in the action's own error stays one command's data.
func TestActionInputInError(t *testing.T) {
	bin := buildMsglint(t)
	work, base := prRepo(t, false)
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "pull_request"}
	r := runAction(t, work, map[string]string{"fail-on": "x\n::add-mask::y\r::warning::z 100%"}, env, prEvent(base))
	require.Equal(t, 2, r.code)
	assert.Equal(t, []runnerCommand{{"error", "title=msglint", "fail-on must be error, warning, info or never, not 'x%0A::add-mask::y%0D::warning::z 100%25'"}},
		runnerCommands(r.stdout), r.stdout)
}

// allow-outside-config reaches msglint as its flag, and only true/false
// are taken.
func TestActionAllowOutsideConfig(t *testing.T) {
	bin := buildMsglint(t)
	work, _ := prRepo(t, false)
	shared := t.TempDir()
	write(t, shared, "base.yaml", "version: 1\nrules: {coverage: off, funnel: off}\n")
	write(t, work, "msglint.yaml", config+"extends: ["+filepath.Join(shared, "base.yaml")+"]\n")
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push"}
	r := runAction(t, work, map[string]string{"fail-on": "never"}, env, map[string]any{})
	require.Equal(t, 2, r.code, r.stdout)
	assert.Contains(t, r.stdout, "is outside the repository")
	r = runAction(t, work, map[string]string{"fail-on": "never", "allow-outside-config": "true"}, env, map[string]any{})
	require.Equal(t, 0, r.code, r.stdout)
	assert.NotContains(t, r.stdout, "coverage gap", "the shared config was merged")
	r = runAction(t, work, map[string]string{"allow-outside-config": "yes"}, env, map[string]any{})
	require.Equal(t, 2, r.code)
	assert.Contains(t, r.stdout, "allow-outside-config must be true or false")
}
