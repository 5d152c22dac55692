package glossary

import (
	"errors"
	"fmt"
	"testing"

	"go.yaml.in/yaml/v4"
)

func TestScratch(t *testing.T) {
	for _, src := range []string{"a: [1, 2\nb: 3\n", "a: 1\na: 2\n", "a:\n\tb: 1\n", "", "# c\n", "a: *x\n", "--- 1\n--- 2\n", "a: &a [1]\nb: *a\n", "a: !!binary aGVsbG8=\n", "x: \"\\xff\"\n"} {
		var n yaml.Node
		err := yaml.Load([]byte(src), &n)
		var le *yaml.LoadError
		var les *yaml.LoadErrors
		fmt.Printf("%q kind=%v content=%d err=%v aslE=%v asLEs=%v\n", src, n.Kind, len(n.Content), err, errors.As(err, &le), errors.As(err, &les))
		if le != nil {
			fmt.Printf("  mark %+v ctx %+v msg %q\n", le.Mark, le.ContextMark, le.Message)
		}
		if len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
			for _, c := range n.Content[0].Content {
				fmt.Printf("  node kind=%v tag=%s val=%q L%d C%d alias=%v\n", c.Kind, c.Tag, c.Value, c.Line, c.Column, c.Alias != nil)
			}
		}
	}
}
