package extract

import (
	"errors"

	"github.com/msglint/msglint/lint"
)

// STUB: replaced by the Markdown/MDX/text extractor.

func Markdown(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func MDX(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func Text(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
