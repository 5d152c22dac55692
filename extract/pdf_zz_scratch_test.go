package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestScratchDump(t *testing.T) {
	t.Setenv(pdfBackendEnv, PDFBackendGo)
	files, _ := filepath.Glob(os.Getenv("G"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		fn, _, _ := For(f)
		doc, err := fn(f, src, nil)
		fmt.Println("=====", f, err)
		if err == nil {
			fmt.Print(Dump(doc))
		}
	}
}
