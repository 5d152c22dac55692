// Package match is the multi-pattern matcher the glossary compiles into.
package match

// Index is the compiled glossary.
type Index struct{}
