//go:build !unix

package engine

import "os"

// openFile is os.Open.
func openFile(abs string) (*os.File, error) { return os.Open(abs) }
