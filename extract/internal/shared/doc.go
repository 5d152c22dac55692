// Package shared is what the extractors of every kind (extract/markup,
// extract/office, extract/pdf) share, below them and below the registry
// in package extract, so that none of them imports another: the Options
// and Limits every extractor takes (re-exported by extract as
// extract.Options and extract.Limits), the Func type of an extractor, the
// input errors (TooLarge, Unreadable, RaiseHint) and the panic Guard,
// msglint-directive parsing (markup comments and slide notes), and Dump,
// the block rendering of the golden tests.
package shared
