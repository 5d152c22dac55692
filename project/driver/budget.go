package driver

import (
	"errors"

	"github.com/msglint/msglint/content"
)

// overBudget reports a rule's error that is the file's budget running out
// (content.BudgetError) as that file's input finding.
func overBudget(s *sink, err error) bool {
	var ie *content.InputError
	var be *content.BudgetError
	if !errors.As(err, &ie) || !errors.As(err, &be) {
		return false
	}
	s.inputError(ie.Rule, ie.Err.Error())
	return true
}
