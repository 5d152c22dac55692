package extract

import (
	"errors"

	"github.com/msglint/msglint/lint"
)

// STUB: replaced by the HTML extractor.

func HTML(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
