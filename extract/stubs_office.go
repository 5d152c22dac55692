package extract

import (
	"errors"

	"github.com/msglint/msglint/lint"
)

// STUB: replaced by the office/PDF extractors.

func PPTX(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func DOCX(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func ODP(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func ODT(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
func PDF(path string, src []byte, opts *Options) (*lint.Document, error) {
	return nil, errors.New("not implemented")
}
