package config

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// The decoder turns a yaml.Node tree into the config structs by hand,
// driven by the structs' yaml tags, so that every key and value error
// carries the node's line and column. It never calls yaml's reflection
// decoder on a non-scalar node.

type decoder struct {
	file string
	errs *errList
	opts *LoadOptions
	// present maps dotted key paths outside lists ("coverage.min",
	// "teams.sales") to the position of the key.
	present map[string]Pos

	inAlias    int
	aliasNodes int
	aborted    bool
	listDepth  int
	// pats collects the config patterns' compiled sizes (nil: not kept).
	pats *[]patSize
}

func newDecoder(file string, errs *errList, opts *LoadOptions) *decoder {
	return &decoder{file: file, errs: errs, opts: opts, present: map[string]Pos{}}
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

// errorf reports an error at node n, underlining a plain one-line scalar.
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.at(d.pos(n), width(n), format, args...)
}

func width(n *yaml.Node) int {
	if n.Kind == yaml.ScalarNode && n.Style == 0 && !strings.ContainsAny(n.Value, "\n\r") {
		return utf8.RuneCountInString(n.Value)
	}
	return 1
}

// checker is implemented by config types that validate themselves right
// after they are decoded; fields maps each present key to its key and
// value nodes.
type checker interface {
	check(d *decoder, n *yaml.Node, fields map[string]field)
}

// nodeDecoder is implemented by types with their own YAML shape.
type nodeDecoder interface {
	decodeNode(d *decoder, what string, n *yaml.Node)
}

type field struct{ key, val *yaml.Node }

var (
	posType    = reflect.TypeFor[Pos]()
	posesType  = reflect.TypeFor[[]Pos]()
	stringsTyp = reflect.TypeFor[[]string]()
)

func (d *decoder) join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) mark(path string, k *yaml.Node) {
	if d.listDepth == 0 && path != "" {
		d.present[path] = d.pos(k)
	}
}

func (d *decoder) mismatch(what string, n *yaml.Node, t reflect.Type) {
	d.errorf(n, "%s: expected %s, got %s", what, want(t), describe(n))
}

// value decodes n into v. what names the value in messages ("\"terms\"",
// "item of \"variants\""); path is the dotted key path for d.present.
func (d *decoder) value(what, path string, n *yaml.Node, v reflect.Value, inList bool) {
	n, done := d.enter(n)
	defer done()
	if n == nil {
		return
	}
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeNode(d, what, n)
		return
	}
	t := v.Type()
	if isNull(n) && (!inList || t.Kind() == reflect.Pointer) {
		v.SetZero()
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := reflect.New(t.Elem())
		d.value(what, path, n, e.Elem(), inList)
		v.Set(e)
	case reflect.Struct:
		d.structValue(what, path, n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.mismatch(what, n, t)
			return
		}
		s := reflect.MakeSlice(t, 0, len(n.Content))
		d.listDepth++
		for _, item := range n.Content {
			e := reflect.New(t.Elem()).Elem()
			d.value("item of "+what, path, item, e, true)
			s = reflect.Append(s, e)
		}
		d.listDepth--
		v.Set(s)
	case reflect.Map:
		d.mapValue(what, path, n, v)
	default:
		d.scalar(what, n, v)
	}
}

func (d *decoder) scalar(what string, n *yaml.Node, v reflect.Value) {
	t := v.Type()
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.mismatch(what, n, t)
		return
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Int:
		var i int
		if n.Tag != "!!int" || n.Decode(&i) != nil {
			d.mismatch(what, n, t)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		var f float64
		if (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
			d.mismatch(what, n, t)
			return
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(n, "%s: expected a finite number, got %s", what, describe(n))
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		var b bool
		if n.Tag != "!!bool" || n.Decode(&b) != nil {
			d.mismatch(what, n, t)
			return
		}
		v.SetBool(b)
	default:
		d.errorf(n, "%s: cannot decode into %s", what, t)
	}
}

func (d *decoder) structValue(what, path string, n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.mismatch(what, n, v.Type())
		return
	}
	si := infoOf(v.Type())
	if si.posIdx >= 0 {
		v.Field(si.posIdx).Set(reflect.ValueOf(d.pos(n)))
	}
	fields := map[string]field{}
	for _, p := range d.pairs(n, 0) {
		key := p.key.Value
		i, ok := si.index[key]
		if !ok {
			d.errorf(p.key, "unknown key %q%s", key, didYouMean(key, si.names))
			continue
		}
		fields[key] = p
		kpath := d.join(path, key)
		d.mark(kpath, p.key)
		fv := v.Field(i)
		sf := v.Type().Field(i)
		d.value(fmt.Sprintf("%q", key), kpath, p.val, fv, false)
		if d.aborted {
			return
		}
		// []string X gets its item positions in XPos []Pos, when declared.
		if sf.Type == stringsTyp {
			if pf := v.FieldByName(sf.Name + "Pos"); pf.IsValid() && pf.Type() == posesType {
				pf.Set(reflect.ValueOf(d.itemPositions(p.val)))
			}
		}
		if sf.Type.Kind() == reflect.Map {
			if of := orderFields[sf.Name]; of != "" {
				if ov := v.FieldByName(of); ov.IsValid() && ov.Type() == stringsTyp {
					ov.Set(reflect.ValueOf(d.keyOrder(p.val)))
				}
			}
		}
	}
	if c, ok := v.Addr().Interface().(checker); ok && !d.aborted {
		c.check(d, n, fields)
	}
}

func (d *decoder) itemPositions(n *yaml.Node) []Pos {
	n, done := d.enter(n)
	defer done()
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]Pos, len(n.Content))
	for i, item := range n.Content {
		for item.Kind == yaml.AliasNode && item.Alias != nil {
			item = item.Alias
		}
		out[i] = d.pos(item)
	}
	return out
}

func (d *decoder) keyOrder(n *yaml.Node) []string {
	n, done := d.enter(n)
	defer done()
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for _, p := range d.pairsQuiet(n) {
		out = append(out, p.key.Value)
	}
	return out
}

func (d *decoder) mapValue(what, path string, n *yaml.Node, v reflect.Value) {
	t := v.Type()
	if n.Kind != yaml.MappingNode {
		d.mismatch(what, n, t)
		return
	}
	m := reflect.MakeMap(t)
	for _, p := range d.pairs(n, 0) {
		key := p.key.Value
		kpath := d.join(path, key)
		d.mark(kpath, p.key)
		e := reflect.New(t.Elem()).Elem()
		d.value(fmt.Sprintf("%q", key), kpath, p.val, e, false)
		if d.aborted {
			return
		}
		m.SetMapIndex(reflect.ValueOf(key), e)
	}
	v.Set(m)
}

// decodeNode lets a signal be a plain string (weight 1) or {phrase, weight}.
func (s *Signal) decodeNode(d *decoder, what string, n *yaml.Node) {
	switch {
	case n.Kind == yaml.ScalarNode && !isNull(n):
		*s = Signal{Phrase: n.Value, Weight: 1}
		if strings.TrimSpace(s.Phrase) == "" {
			d.errorf(n, "%s: a signal phrase must not be empty", what)
		}
	case n.Kind == yaml.MappingNode:
		type plain Signal
		var p plain
		pv := reflect.ValueOf(&p).Elem()
		// decode as the plain struct (no recursion into decodeNode)
		si := infoOf(reflect.TypeFor[Signal]())
		fields := map[string]field{}
		for _, kv := range d.pairs(n, 0) {
			key := kv.key.Value
			i, ok := si.index[key]
			if !ok {
				d.errorf(kv.key, "unknown key %q%s", key, didYouMean(key, si.names))
				continue
			}
			fields[key] = kv
			d.value(fmt.Sprintf("%q", key), "", kv.val, pv.Field(i), false)
		}
		*s = Signal(p)
		if _, ok := fields["weight"]; !ok {
			s.Weight = 1
		}
		if strings.TrimSpace(s.Phrase) == "" {
			d.errorf(n, "%s: a signal needs a non-empty \"phrase\"", what)
		}
	default:
		d.mismatch(what, n, reflect.TypeFor[Signal]())
	}
}
