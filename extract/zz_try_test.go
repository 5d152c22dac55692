package extract

import (
	"fmt"
	"os"
	"testing"
)

func TestZZTry(t *testing.T) {
	p := os.Getenv("TRY")
	if p == "" {
		t.Skip()
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	fn, _, _ := For(p)
	d, err := fn(p, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(Dump(d))
	fmt.Printf("meta: %v\n", d.Meta)
}
