// Package input documents the input rules. The driver reports them (an
// extractor's error or note becomes a finding on the file); these values
// carry their documentation and default severities.
package input

import (
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Unreadable documents input/unreadable.
var Unreadable = &lint.Rule{
	Name:    content.RuleUnreadable,
	Summary: "a file that cannot be read or parsed; the message says why",
	Doc: `A file msglint could not read or parse: permission denied, a corrupt or
truncated archive, a binary file with a text extension, an encrypted PDF;
or not a regular file (a FIFO, socket or device, named or found with a
content file's name: never opened), a symbolic-link loop named on the
command line, a path longer than the system allows, a folder that cannot
be listed. The message says why. The run goes on: every other file is
still checked, and this is a finding, not a usage error (exit 1 at the
default --fail-on, not 2).`,
	Bad:     "deck.pptx: zip: not a valid zip file",
	Good:    "a deck that opens in PowerPoint",
	Default: lint.Error,
}

// Encoding documents input/encoding.
var Encoding = &lint.Rule{
	Name:    content.RuleEncoding,
	Summary: "invalid UTF-8 (checked after replacing the bad bytes)",
	Doc: `The file is not valid UTF-8. The bad bytes are replaced (U+FFFD) and the rest
of the file is still checked; the finding points at the first bad byte.
Save the file as UTF-8.`,
	Bad:     "caf\\xe9 (Latin-1)",
	Good:    "café (UTF-8)",
	Default: lint.Warning,
}

// TooLarge documents input/too-large.
var TooLarge = &lint.Rule{
	Name:    content.RuleTooLarge,
	Summary: "a file or archive over the size limits, skipped",
	Doc: `A file over 50 MB, an office archive with more than 10,000 entries, more
than 500 MB uncompressed, or an entry compressed more than 1000:1 (a zip
bomb), or a file with more than 1,000,000 HTML elements or office XML nodes
(an element bomb), is skipped with this finding. The message names the
limit and its key under limits: in msglint.yaml, where it can be raised
(see docs/config.md).`,
	Bad:     "a 2 GB PDF",
	Good:    "a PDF under 50 MB",
	Default: lint.Warning,
}

// Degraded documents input/degraded.
var Degraded = &lint.Rule{
	Name:    content.RuleDegraded,
	Summary: "a file over a nesting limit, checked in a simpler form",
	Doc: `A file nested deeper than limits.max_nesting_depth (default 256) is still
checked, in a simpler form, and this info says so. Markdown nested that deep
(block quotes or lists inside each other, links or emphasis inside each
other) is checked as plain text: paragraphs separated by blank lines, the
markup characters left in the text. HTML elements nested that deep are
checked as part of their ancestor at the limit. Real content is never
nested that deep; such a file is generated or hostile, and parsing it as
written would take time that grows with the square of its size. Markdown
nested deep over very many lines, or packed with inline HTML tags, is
checked as plain text too: its parse would cost more than a budget that
grows with the file's size and with the limit.

To check the file as written, raise the limit in msglint.yaml
(limits: max_nesting_depth: 1000), or simplify the nesting.`,
	Bad:     "> > > > > … (a thousand nested block quotes)",
	Good:    "> a quote, at most a few levels deep",
	Default: lint.Info,
}

// Directive documents input/directive.
var Directive = &lint.Rule{
	Name:    content.RuleDirective,
	Summary: "an inline directive that names an unknown rule (with a did-you-mean)",
	Doc: `An inline directive (msglint-disable, msglint-enable,
msglint-disable-next-line, msglint-disable-line, a deck's speaker-notes
msglint-disable, front matter msglint.disable) names a rule or family that
does not exist, often a misspelling: that name suppresses nothing, so the
finding it was meant to hide still fires. The message suggests the closest
rule. The finding is on the directive's line, at the misspelt name; no
directive hides it (turn it off in the config's rules: if you must).
docs/config.md lists the directive syntax of every format.`,
	Bad:     "<!-- msglint-disable-next-line naming/varaint -->",
	Good:    "<!-- msglint-disable-next-line naming/variant -->",
	Default: lint.Warning,
}

// UnusedDirective documents input/unused-directive.
var UnusedDirective = &lint.Rule{
	Name:    content.RuleUnusedDirective,
	Summary: "a disable directive that suppressed no finding (off unless --report-unused-directives)",
	Doc: `A disable directive (msglint-disable, msglint-disable-next-line,
msglint-disable-line, a deck's speaker-notes msglint-disable, front matter
msglint.disable) that suppressed no finding in this run: the copy was
fixed, or the directive is on the wrong line, and it now only hides future
findings. Off by default; msglint check --report-unused-directives turns it
on (at warning, or the severity rules: gives it), as does
rules: {input/unused-directive: warning} in the config.

A directive is judged only when a rule it names (any rule, for a directive
that names none) is on for the file: with --rule naming, a directive for
claims/* is not reported. msglint-enable is never reported, and no
directive hides this finding.`,
	Bad:     "<!-- msglint-disable-next-line naming/variant --> (above a line with no variant)",
	Good:    "no directive where nothing needs one",
	Default: lint.Off,
}
