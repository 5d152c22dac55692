package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// GitHub writes GitHub Actions workflow commands, one per finding:
//
//	::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
//
// info findings become ::notice. Columns count runes and endColumn is
// exclusive, as in the other formats; GitHub rejects col/endColumn when
// the finding spans lines, so they are left out then. Property values are
// escaped for %, CR, LF, ':' and ','; the message for %, CR and LF.
// Other control characters from the content (ESC, C1, U+2028...) are
// escaped as text first (safetext); with CR and LF encoded, a file name or
// a finding can never end the command and start another. Office findings (slide, page...) point at line 1 and name the location
// in the message. GitHub shows only a few annotations per step, so the
// action prints the text report as well.
func GitHub(w io.Writer, res *driver.Result, meta *Meta) error {
	bw := bufio.NewWriter(w)
	for i := range res.Findings {
		bw.WriteString(gitHubCommand(&res.Findings[i], meta))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// GitHubCommand renders one finding as a workflow command, with its path
// as the run reported it.
func GitHubCommand(d *lint.Finding) string { return gitHubCommand(d, nil) }

// gitHubCommand renders one finding; its paths (file=, and the related
// sites') are relative to the repository root (meta.Paths), where GitHub
// looks for the files it annotates.
func gitHubCommand(d *lint.Finding, meta *Meta) string {
	cmd := "notice"
	switch d.Severity {
	case lint.Error:
		cmd = "error"
	case lint.Warning:
		cmd = "warning"
	}
	var props []string
	add := func(k, v string) { props = append(props, k+"="+escapeGitHubProperty(safetext.Except(v, "\r\n"))) }
	if d.Path != "" && d.Path != "." {
		file, _ := meta.repo(d.Path)
		add("file", file)
		line := max(d.Line, 1)
		add("line", fmt.Sprint(line))
		if d.Loc == "" && d.Col > 0 {
			switch {
			case d.EndLine > line:
				add("endLine", fmt.Sprint(d.EndLine))
			case d.EndLine == line && d.EndCol >= d.Col:
				add("col", fmt.Sprint(d.Col))
				add("endLine", fmt.Sprint(d.EndLine))
				add("endColumn", fmt.Sprint(d.EndCol))
			default:
				add("col", fmt.Sprint(d.Col))
			}
		}
	}
	add("title", d.Rule)
	// control characters in the content are escaped (safetext) before
	// the message's own line breaks are encoded
	msg := safetext.Except(d.Message, "\r\n")
	if d.Loc != "" {
		msg = safetext.Except(d.Loc, "\r\n") + ": " + msg
	}
	for _, r := range d.Related {
		file, _ := meta.repo(r.Path)
		msg += "\nalso: " + relatedString(r, file)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeGitHubData(msg)
}

// escapeGitHubData escapes a workflow command's message.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command's property value.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
