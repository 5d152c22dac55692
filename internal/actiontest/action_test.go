package actiontest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	yaml "go.yaml.in/yaml/v4"
)

// root is the repository root (this package is internal/actiontest).
func root(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

type actionMeta struct {
	Name   string
	Inputs map[string]struct {
		Description string
		Required    bool
		Default     string
	}
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	Name  string
	ID    string
	Uses  string
	If    string
	Shell string
	Run   string
	Env   map[string]string
	With  map[string]string
}

func loadAction(t *testing.T) *actionMeta {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root(t), "action.yml"))
	require.NoError(t, err)
	var a actionMeta
	require.NoError(t, yaml.Unmarshal(data, &a))
	return &a
}

// TestActionMetadata checks the rules a composite action must keep: inputs
// reach scripts only through env, every step has a shell, and the inputs
// documented names exist.
func TestActionMetadata(t *testing.T) {
	a := loadAction(t)
	require.Equal(t, "composite", a.Runs.Using)
	for _, in := range []string{"paths", "config", "fail-on", "only-changed", "sarif", "report", "version"} {
		require.Contains(t, a.Inputs, in)
		require.NotEmpty(t, a.Inputs[in].Description, in)
	}
	for _, s := range a.Runs.Steps {
		if s.Run == "" {
			require.NotEmpty(t, s.Uses, "step %q has neither run nor uses", s.Name)
			continue
		}
		require.Equal(t, "bash", s.Shell, "step %q", s.Name)
		require.NotContains(t, s.Run, "${{", "step %q: an expression inside a script is an injection risk; pass it through env", s.Name)
		require.Empty(t, s.If, "the local runner below does not evaluate if:")
	}
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// evalString expands ${{ a.b.c }} path expressions (the only kind the
// action may use in env) against ctx.
func evalString(t *testing.T, s string, ctx map[string]any) string {
	t.Helper()
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		expr := exprRe.FindStringSubmatch(m)[1]
		require.Regexp(t, `^[a-z_]+(\.[A-Za-z0-9_-]+)+$`, expr, "unsupported expression in action.yml")
		var v any = ctx
		for _, part := range strings.Split(expr, ".") {
			mm, ok := v.(map[string]any)
			if !ok {
				return ""
			}
			v = mm[part]
		}
		switch v := v.(type) {
		case nil:
			return ""
		case string:
			return v
		default:
			return fmt.Sprint(v)
		}
	})
}

type runResult struct {
	code    int
	stdout  string
	outputs map[string]string // every step's, a later one's first
	summary string            // GITHUB_STEP_SUMMARY
	skipped []string          // the ids of the uses: steps whose outputs were not given
}

// runAction runs the action's steps in workspace like a runner: inputs
// (defaults, overridden by with), env expressions evaluated, `uses:` steps
// skipped (setup-go, upload-artifact), each script run with `bash
// --noprofile --norc -eo pipefail`, GITHUB_OUTPUT read back into
// steps.<id>.outputs. It stops at the first failing step.
func runAction(t *testing.T, workspace string, with map[string]string, env map[string]string, event map[string]any) runResult {
	t.Helper()
	return runActionUses(t, workspace, with, env, event, nil)
}

// runActionUses is runAction where the `uses:` step with an id in uses
// "ran" and gave those outputs (the local runner runs no action).
func runActionUses(t *testing.T, workspace string, with map[string]string, env map[string]string, event map[string]any,
	uses map[string]map[string]string) runResult {
	t.Helper()
	a := loadAction(t)
	tmp := t.TempDir()
	inputs := map[string]any{}
	for k, v := range a.Inputs {
		inputs[k] = v.Default
	}
	for k, v := range with {
		require.Contains(t, a.Inputs, k, "unknown input")
		inputs[k] = v
	}
	eventPath := filepath.Join(tmp, "event.json")
	data, err := json.Marshal(event)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(eventPath, data, 0o644))
	steps := map[string]any{}
	ctx := map[string]any{
		"inputs": inputs,
		"github": map[string]any{"event": event, "event_name": env["GITHUB_EVENT_NAME"], "action_ref": "", "action_path": root(t),
			"server_url": env["GITHUB_SERVER_URL"], "repository": env["GITHUB_REPOSITORY"], "sha": env["GITHUB_SHA"]},
		"steps": steps,
	}
	summary := filepath.Join(tmp, "summary.md")
	base := append(os.Environ(),
		"GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_EVENT_PATH="+eventPath,
		"GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_ENV="+filepath.Join(tmp, "env"),
		"GITHUB_PATH="+filepath.Join(tmp, "path"),
		"GITHUB_ACTION_PATH="+root(t),
		"GITHUB_WORKSPACE="+workspace,
		"RUNNER_TEMP="+tmp,
		"NO_COLOR=1",
	)
	for k, v := range env {
		base = append(base, k+"="+v)
	}
	var out strings.Builder
	all := map[string]string{}
	var skipped []string
	done := func(r runResult) runResult {
		b, _ := os.ReadFile(summary)
		r.stdout, r.summary, r.outputs, r.skipped = out.String(), string(b), all, skipped
		return r
	}
	for i, s := range a.Runs.Steps {
		if s.Run == "" {
			if o, ok := uses[s.ID]; ok && s.ID != "" {
				steps[s.ID] = map[string]any{"outputs": toAny(o)}
			} else if s.ID != "" {
				skipped = append(skipped, s.ID)
			}
			continue
		}
		script := filepath.Join(tmp, fmt.Sprintf("step%d.sh", i))
		require.NoError(t, os.WriteFile(script, []byte(s.Run), 0o755))
		outFile := filepath.Join(tmp, fmt.Sprintf("output%d", i))
		require.NoError(t, os.WriteFile(outFile, nil, 0o644))
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = workspace
		cmd.Env = append(append([]string(nil), base...), "GITHUB_OUTPUT="+outFile)
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+evalString(t, v, ctx))
		}
		b, err := cmd.CombinedOutput()
		out.Write(b)
		outputs := readOutputs(t, outFile)
		if s.ID != "" {
			steps[s.ID] = map[string]any{"outputs": toAny(outputs)}
		}
		maps.Copy(all, outputs)
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			require.True(t, ok, "%v", err)
			return done(runResult{code: ee.ExitCode()})
		}
		if i == len(a.Runs.Steps)-1 {
			return done(runResult{})
		}
	}
	return done(runResult{})
}

func toAny(m map[string]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func readOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		require.True(t, ok, "output line %q (multi-line outputs are not simulated)", sc.Text())
		out[k] = v
	}
	return out
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// buildMsglint builds the CLI once per test binary.
func buildMsglint(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "msglint-action-test")
		if buildErr != nil {
			return
		}
		builtBin = filepath.Join(buildDir, "msglint")
		cmd := exec.Command("go", "build", "-o", builtBin, "./cmd/msglint")
		cmd.Dir = root(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return builtBin
}

const config = `version: 1
terms:
  - name: Acme CloudSync
    kind: product
    variants: [CloudSync]
`

// prRepo makes an origin repository with a base commit (one known finding
// on line 1) and a pull request commit that adds a finding on line 3 and a
// new file; it returns a clone checked out at the PR head, shallow when
// asked (as actions/checkout does by default), and the base commit.
func prRepo(t *testing.T, shallow bool) (work, baseSHA string) {
	t.Helper()
	origin := t.TempDir()
	git(t, origin, "init", "-q")
	write(t, origin, "msglint.yaml", config)
	write(t, origin, "site/page.md", "Try CloudSync today.\n\nAll good here.\n")
	git(t, origin, "add", "-A")
	git(t, origin, "commit", "-q", "-m", "base")
	baseSHA = git(t, origin, "rev-parse", "HEAD")
	write(t, origin, "site/page.md", "Try CloudSync today.\n\nNow CloudSync is here.\n")
	write(t, origin, "site/new.md", "CloudSync, new page.\n")
	git(t, origin, "add", "-A")
	git(t, origin, "commit", "-q", "-m", "pr")
	git(t, origin, "config", "uploadpack.allowAnySHA1InWant", "true")
	work = filepath.Join(t.TempDir(), "work")
	args := []string{"clone", "-q"}
	if shallow {
		args = append(args, "--depth=1")
	}
	git(t, filepath.Dir(work), append(args, "file://"+origin, work)...)
	return work, baseSHA
}

func prEvent(base string) map[string]any {
	return map[string]any{"pull_request": map[string]any{"number": 1, "base": map[string]any{"ref": "main", "sha": base}}}
}

func TestActionPullRequest(t *testing.T) {
	bin := buildMsglint(t)
	for _, shallow := range []bool{false, true} {
		t.Run(fmt.Sprintf("shallow=%v", shallow), func(t *testing.T) {
			work, base := prRepo(t, shallow)
			sarif := filepath.Join(t.TempDir(), "out.sarif")
			r := runAction(t, work, map[string]string{"sarif": sarif},
				map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "pr"},
				prEvent(base))
			require.Equal(t, 1, r.code, r.stdout)
			require.Equal(t, "1", r.outputs["exit-code"])
			// annotations: the changed line and the new file, not the old finding
			require.Contains(t, r.stdout, "::error file=site/page.md,line=3,col=5,")
			require.Contains(t, r.stdout, "::error file=site/new.md,line=1,")
			require.NotContains(t, r.stdout, "file=site/page.md,line=1,col=5,")
			// the text report follows the annotations
			require.Contains(t, r.stdout, "site/page.md:3:5: error:")
			// SARIF holds every finding
			data, err := os.ReadFile(sarif)
			require.NoError(t, err)
			var log struct {
				Runs []struct{ Results []struct{ RuleID string } }
			}
			require.NoError(t, json.Unmarshal(data, &log))
			variants := 0
			for _, r := range log.Runs[0].Results {
				if r.RuleID == "naming/variant" {
					variants++
				}
			}
			require.Equal(t, 3, variants, "SARIF holds every naming finding, changed or not")
			require.Equal(t, sarif, r.outputs["sarif"])
			require.Contains(t, r.summary, "### msglint")
			require.Contains(t, r.summary, "Findings on lines changed since `"+base+"`")
			require.Contains(t, r.summary, "2 errors")
		})
	}
}

func TestActionPushAndSummary(t *testing.T) {
	bin := buildMsglint(t)
	work, _ := prRepo(t, false)
	r := runAction(t, work, map[string]string{"fail-on": "never"},
		map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push"},
		map[string]any{"ref": "refs/heads/main"})
	require.Equal(t, 0, r.code, r.stdout)
	// on push every finding is reported
	require.Contains(t, r.stdout, "::error file=site/page.md,line=1,col=5,")
	require.Contains(t, r.stdout, "::error file=site/page.md,line=3,")
	require.Contains(t, r.stdout, "3 errors")
	require.Contains(t, r.summary, "3 errors")
	if hasReport(t, bin) {
		require.Greater(t, len(r.summary), 200, "the coverage report is in the summary")
	} else {
		require.Contains(t, r.stdout, "no report command")
	}
}

// The html-report input writes the page, linked to the files on the
// workflow's commit.
func TestActionHTMLReport(t *testing.T) {
	bin := buildMsglint(t)
	if !hasReport(t, bin) {
		t.Skip("no report command")
	}
	work, _ := prRepo(t, false)
	page := filepath.Join(t.TempDir(), "report.html")
	sha := git(t, work, "rev-parse", "HEAD")
	r := runAction(t, work, map[string]string{"fail-on": "never", "html-report": page},
		map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push", "GITHUB_SERVER_URL": "https://github.com",
			"GITHUB_REPOSITORY": "org/site", "GITHUB_SHA": sha},
		map[string]any{"ref": "refs/heads/main"})
	require.Equal(t, 0, r.code, r.stdout)
	require.Equal(t, page, r.outputs["html-report"])
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	require.Contains(t, string(b), `href="https://github.com/org/site/blob/`+sha+`/site/new.md"`)
}

// The HTML report is uploaded as an artifact (actions/upload-artifact,
// pinned by commit) and the job summary links to it, above the coverage
// report; the step's exit code is still msglint's.
func TestActionHTMLReportArtifact(t *testing.T) {
	a := loadAction(t)
	var up *actionStep
	for i := range a.Runs.Steps {
		if a.Runs.Steps[i].ID == "upload" {
			up = &a.Runs.Steps[i]
		}
	}
	require.NotNil(t, up, "an upload step")
	require.Regexp(t, `^actions/upload-artifact@[0-9a-f]{40}$`, up.Uses)
	require.Equal(t, "steps.run.outputs.html-report != '' && inputs.html-report-artifact != ''", up.If)
	require.Equal(t, "${{ steps.run.outputs.html-report }}", up.With["path"])
	require.Equal(t, "${{ inputs.html-report-artifact }}", up.With["name"])
	require.Equal(t, "${{ steps.upload.outputs.artifact-url }}", a.Outputs["html-report-url"].Value)

	bin := buildMsglint(t)
	if !hasReport(t, bin) {
		t.Skip("no report command")
	}
	work, _ := prRepo(t, false)
	page := filepath.Join(t.TempDir(), "report.html")
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push"}
	event := map[string]any{"ref": "refs/heads/main"}
	url := "https://github.com/org/site/actions/runs/12/artifacts/34"
	for _, tc := range []struct {
		name     string
		with     map[string]string
		uploaded map[string]string // nil: the upload step did not run, or failed
		want     string            // in the summary ("" none of the lines below)
	}{
		{"uploaded", map[string]string{"html-report": page}, map[string]string{"artifact-url": url, "artifact-id": "34"},
			"**HTML report:** [msglint-report](" + url + ") (a zip holding the page: download, unzip, open it in a browser)\n"},
		{"named", map[string]string{"html-report": page, "html-report-artifact": "coverage-linux"}, map[string]string{"artifact-url": url},
			"**HTML report:** [coverage-linux](" + url + ")"},
		{"upload failed", map[string]string{"html-report": page}, nil,
			"The HTML report could not be uploaded (see the upload step); it was written to the runner only."},
		{"not uploaded", map[string]string{"html-report": page, "html-report-artifact": ""}, nil, ""},
		{"hostile url", map[string]string{"html-report": page}, map[string]string{"artifact-url": "https://x/a)(javascript:alert(1)) <b>"},
			"The HTML report could not be uploaded"},
		{"no page", map[string]string{}, map[string]string{"artifact-url": url}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			with := map[string]string{"fail-on": "error"}
			maps.Copy(with, tc.with)
			uses := map[string]map[string]string{}
			if tc.uploaded != nil {
				uses["upload"] = tc.uploaded
			}
			r := runActionUses(t, work, with, env, event, uses)
			require.Equal(t, 1, r.code, "msglint's exit code (findings at error), after the upload: %s", r.stdout)
			require.Equal(t, "1", r.outputs["exit-code"])
			head := strings.Index(r.summary, "### msglint")
			cov := strings.Index(r.summary, "## msglint coverage report")
			require.GreaterOrEqual(t, head, 0, r.summary)
			require.Greater(t, cov, head, "the coverage report follows the findings line")
			if tc.want == "" {
				require.NotContains(t, r.summary, "HTML report")
				return
			}
			at := strings.Index(r.summary, tc.want)
			require.Greater(t, at, head, r.summary)
			require.Less(t, at, cov, "the link comes before the coverage report")
			require.NotContains(t, r.summary, "javascript:")
		})
	}
}

// Every action a step uses is pinned by a full commit SHA (a tag can be
// moved), with the version in a comment.
func TestActionPinned(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root(t), "action.yml"))
	require.NoError(t, err)
	uses := regexp.MustCompile(`(?m)^\s*(?:-\s*)?uses:\s*(.*)$`).FindAllStringSubmatch(string(data), -1)
	require.GreaterOrEqual(t, len(uses), 2)
	for _, u := range uses {
		require.Regexp(t, `^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$`, u[1])
	}
}

func hasReport(t *testing.T, bin string) bool {
	out, _ := exec.Command(bin, "--help").Output()
	return regexp.MustCompile(`(?m)^  report\s`).Match(out)
}

func TestActionBadInputs(t *testing.T) {
	bin := buildMsglint(t)
	work, base := prRepo(t, false)
	env := map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "pull_request"}
	r := runAction(t, work, map[string]string{"fail-on": "sometimes"}, env, prEvent(base))
	require.Equal(t, 2, r.code)
	require.Contains(t, r.stdout, "::error title=msglint::fail-on must be")

	r = runAction(t, work, map[string]string{"only-changed": "true"}, map[string]string{"MSGLINT_BIN": bin, "GITHUB_EVENT_NAME": "push"}, map[string]any{})
	require.Equal(t, 2, r.code)
	require.Contains(t, r.stdout, "only-changed needs a pull request event")

	// an input holding shell syntax stays data
	r = runAction(t, work, map[string]string{"paths": "$(touch pwned) `touch pwned2`; touch pwned3", "fail-on": "never"}, env, prEvent(base))
	for _, f := range []string{"pwned", "pwned2", "pwned3"} {
		require.NoFileExists(t, filepath.Join(work, f))
	}
	require.Equal(t, 2, r.code, "the odd paths do not exist: a usage error")
}
