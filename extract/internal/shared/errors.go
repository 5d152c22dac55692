package shared

import (
	"fmt"

	"github.com/msglint/msglint/content"
)

// RaiseHint tells how to raise a limit named by its config key:
// "to check the file anyway, raise limits.max_elements: 1000000 in msglint.yaml".
func RaiseHint(key string, v int64) string {
	return fmt.Sprintf("to check it anyway, raise limits.%s: %d in msglint.yaml", key, v)
}

// TooLarge is an input/too-large error: a limit was crossed.
func TooLarge(format string, a ...any) error {
	return &content.InputError{Rule: content.RuleTooLarge, Err: fmt.Errorf(format, a...)}
}

// Unreadable is an input/unreadable error.
func Unreadable(format string, a ...any) error {
	return &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf(format, a...)}
}

// Guard turns a panic into an input/unreadable error (a budget's panic
// into its own finding, content.BudgetError): extractors must
// never crash the run, whatever the input.
func Guard(doc **content.Document, err *error) {
	if r := recover(); r != nil {
		*doc = nil
		if be, ok := content.AsBudgetError(r); ok {
			*err = be.InputError()
			return
		}
		*err = &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("internal error while reading the file: %v", r)}
	}
}
