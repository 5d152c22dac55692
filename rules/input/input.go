// Package input documents the input rules. The driver reports them (an
// extractor's error or note becomes a finding on the file); these values
// carry their documentation and default severities.
package input

import "github.com/msglint/msglint/lint"

// Unreadable documents input/unreadable.
var Unreadable = &lint.Rule{
	Name:    lint.RuleUnreadable,
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
	Name:    lint.RuleEncoding,
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
	Name:    lint.RuleTooLarge,
	Summary: "a file or archive over the size limits, skipped",
	Doc: `A file over 50 MB, or an office archive with more than 10,000 entries, more
than 500 MB uncompressed, or an entry compressed more than 1000:1 (a zip
bomb), is skipped with this finding.`,
	Bad:     "a 2 GB PDF",
	Good:    "a PDF under 50 MB",
	Default: lint.Warning,
}
