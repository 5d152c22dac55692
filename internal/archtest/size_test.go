package archtest

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxLines is the size a non-test Go file should stay under; a longer one
// says why on its first line ("// Over 500 lines on purpose: ...").
const maxLines = 500

// TestFileSizes fails on a non-test Go file over maxLines lines without a
// reason at its top: a long file is a place a newcomer gets lost in.
func TestFileSizes(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		n++
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
		lines, first := 0, ""
		for sc.Scan() {
			if lines == 0 {
				first = sc.Text()
			}
			lines++
		}
		if err := sc.Err(); err != nil {
			return err
		}
		if lines > maxLines && !strings.HasPrefix(first, "// Over 500 lines on purpose:") {
			rel, _ := filepath.Rel(root, path)
			t.Errorf("%s: %d lines; split it by topic, or say why on its first line (// Over 500 lines on purpose: ...)", rel, lines)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d Go files found under %s", n, root)
	}
}
