package project

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/extract"
)

// Every limits: key reaches the extractors; unset keys keep the defaults.
func TestLimitsMapping(t *testing.T) {
	cfg := config.Default(".")
	assert.Equal(t, extract.DefaultLimits, Limits(cfg))
	cfg.Limits = config.Limits{MaxFileSize: 1, MaxZipEntries: 2, MaxZipTotal: 3, MaxZipRatio: 4, MaxXMLDepth: 5,
		MaxNestingDepth: 6, MaxElements: 7, MaxPDFPages: 8, MaxPDFObjects: 9, MaxPDFStreamBytes: 10,
		MaxPDFInflateBytes: 11, MaxPDFWork: 12, PDFTimeout: 13, MaxFileMemory: 14, MaxWork: 15, MaxRegexWork: 16, FileTimeout: 17}
	assert.Equal(t, extract.Limits{MaxFileSize: 1, MaxZipEntries: 2, MaxZipTotal: 3, MaxZipRatio: 4, MaxXMLDepth: 5,
		MaxNestingDepth: 6, MaxElements: 7, MaxPDFPages: 8, MaxPDFObjects: 9, MaxPDFStreamBytes: 10,
		MaxPDFInflateBytes: 11, MaxPDFWork: 12, PDFTimeout: 13 * time.Second,
		MaxFileMemory: 14, MaxWork: 15, MaxRegexWork: 16, FileTimeout: 17 * time.Second}, Limits(cfg))
}
