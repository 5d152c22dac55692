package config

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// orderFields names, for a map field, the []string field that receives
// its keys in file order.
var orderFields = map[string]string{
	"Teams":      "TeamOrder",
	"Audiences":  "AudienceOrder",
	"Objections": "ObjectionOrder",
	"Paths":      "PathOrder",
	"Signals":    "SignalOrder",
	"Rules":      "RuleOrder",
}

type structInfo struct {
	names  []string       // yaml keys in declaration order
	index  map[string]int // yaml key -> field index
	posIdx int            // index of the Pos field, or -1
}

var structCache sync.Map // reflect.Type -> *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structCache.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{index: map[string]int{}, posIdx: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			if f.Name == "Pos" && f.Type == posType {
				si.posIdx = i
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		si.names = append(si.names, name)
		si.index[name] = i
	}
	structCache.Store(t, si)
	return si
}

// KeysOf returns the YAML keys accepted for a config struct type, in
// declaration order (for the schema test and documentation).
func KeysOf(t reflect.Type) []string { return append([]string(nil), infoOf(t).names...) }

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// describe names the YAML shape of n for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		switch n.Tag {
		case "!!null":
			return "nothing (null)"
		case "!!int":
			return "an integer (" + v + ")"
		case "!!float":
			return "a number (" + v + ")"
		case "!!bool":
			return "a boolean (" + v + ")"
		case "!!str":
			return fmt.Sprintf("a string (%q)", v)
		}
		return fmt.Sprintf("%s (%q)", n.Tag, v)
	}
	return "an unexpected node"
}

// want names the YAML shape a Go type expects.
func want(t reflect.Type) string {
	if t == reflect.TypeFor[Signal]() {
		return "a string or a mapping with phrase and weight"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return want(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Int:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "a list of strings"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return t.String()
}
