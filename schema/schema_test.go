package schema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v4"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/schema"
)

func rawSchema(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(schema.JSON, &m))
	return m
}

// resolve follows a local "$ref" ("#/definitions/x").
func resolve(t *testing.T, root, s map[string]any) map[string]any {
	t.Helper()
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		require.True(t, ok, "unexpected $ref %q", ref)
		s, ok = root["definitions"].(map[string]any)[name].(map[string]any)
		require.True(t, ok, "missing definition %q", ref)
	}
}

// objectBranch returns s, or the object branch of a oneOf (signal).
func objectBranch(t *testing.T, root, s map[string]any) map[string]any {
	s = resolve(t, root, s)
	if _, ok := s["properties"]; ok {
		return s
	}
	for _, b := range s["oneOf"].([]any) {
		if b := resolve(t, root, b.(map[string]any)); b["properties"] != nil {
			return b
		}
	}
	t.Fatalf("no object schema in %v", s)
	return nil
}

// compare checks that the schema object s has exactly the yaml keys of
// struct type typ, with additionalProperties false, recursively.
func compare(t *testing.T, root, s map[string]any, typ reflect.Type, path string) {
	s = objectBranch(t, root, s)
	assert.Equal(t, false, s["additionalProperties"], "%s: additionalProperties must be false", path)
	props, _ := s["properties"].(map[string]any)
	var schemaKeys []string
	for k := range props {
		schemaKeys = append(schemaKeys, k)
	}
	goKeys := config.KeysOf(typ)
	slices.Sort(schemaKeys)
	sorted := slices.Sorted(slices.Values(goKeys))
	assert.Equal(t, sorted, schemaKeys, "%s: schema properties vs %s yaml tags", path, typ)

	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() || props[name] == nil {
			continue
		}
		sub := props[name].(map[string]any)
		ft := f.Type
		for {
			sub = resolve(t, root, sub)
			switch ft.Kind() {
			case reflect.Pointer:
				ft = ft.Elem()
				continue
			case reflect.Slice:
				ft = ft.Elem()
				sub = sub["items"].(map[string]any)
				continue
			case reflect.Map:
				ft = ft.Elem()
				sub = sub["additionalProperties"].(map[string]any)
				continue
			}
			break
		}
		if ft.Kind() == reflect.Struct {
			compare(t, root, sub, ft, path+"."+name)
		}
	}
}

func TestSchemaMatchesConfigTypes(t *testing.T) {
	root := rawSchema(t)
	compare(t, root, root, reflect.TypeFor[config.Config](), "config")
}

// Every property has a description, directly or through its $ref.
func TestSchemaDescriptions(t *testing.T) {
	root := rawSchema(t)
	var walk func(s map[string]any, path string)
	walk = func(s map[string]any, path string) {
		if props, ok := s["properties"].(map[string]any); ok {
			for k, v := range props {
				p := v.(map[string]any)
				if _, ok := p["description"]; !ok {
					_, ok = resolve(t, root, p)["description"]
					assert.True(t, ok, "%s.%s has no description", path, k)
				}
				walk(p, path+"."+k)
			}
		}
		for _, k := range []string{"items", "additionalProperties"} {
			if sub, ok := s[k].(map[string]any); ok {
				walk(sub, path+"."+k)
			}
		}
		for _, b := range []string{"oneOf", "anyOf"} {
			if bs, ok := s[b].([]any); ok {
				for _, x := range bs {
					walk(x.(map[string]any), path+"."+b)
				}
			}
		}
	}
	walk(root, "config")
	for name, d := range root["definitions"].(map[string]any) {
		walk(d.(map[string]any), "definitions."+name)
	}
}

func compile(t *testing.T, frag string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("msglint.schema.json", doc))
	s, err := c.Compile("msglint.schema.json" + frag)
	require.NoError(t, err)
	return s
}

// instance decodes YAML as an editor would see it: merge keys applied,
// dates kept as YYYY-MM-DD strings.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	require.NoError(t, yaml.Load(src, &v))
	var fix func(any) any
	fix = func(x any) any {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				x[k] = fix(v)
			}
		case []any:
			for i, v := range x {
				x[i] = fix(v)
			}
		case time.Time:
			return x.Format(time.DateOnly)
		}
		return x
	}
	if v == nil {
		return map[string]any{}
	}
	return fix(v)
}

var moduleRoot = filepath.Join("..")

// configFiles lists the config files the loader accepts: the glossary
// testdata and every msglint.yaml / .msglint.yaml in the repository.
func configFiles(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir(moduleRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return nil
		}
		if d.Name() == "msglint.yaml" || d.Name() == ".msglint.yaml" ||
			strings.HasPrefix(filepath.ToSlash(p), "../config/testdata/") {
			out = append(out, p)
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// TestConfigsValidate: every config file the loader accepts (testdata,
// examples, rule testdata) validates against the schema; glossary files
// validate against definitions/glossaryFile.
func TestConfigsValidate(t *testing.T) {
	cfg := compile(t, "")
	gloss := compile(t, "#/definitions/glossaryFile")
	checked := 0
	for _, p := range configFiles(t) {
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		if strings.Contains(filepath.ToSlash(p), "/fuzz/") {
			continue
		}
		var probe map[string]any
		_ = yaml.Load(src, &probe)
		_, onlyTerms := probe["terms"]
		onlyTerms = onlyTerms && len(probe) == 1 && !strings.HasSuffix(p, "msglint.yaml")
		t.Run(p, func(t *testing.T) {
			if onlyTerms {
				// A glossary file reads like a config holding only terms.
				if _, err := config.Parse(p, src, config.LoadOptions{}); err != nil {
					t.Skipf("loader rejects it: %v", strings.SplitN(err.Error(), "\n", 2)[0])
				}
				assert.NoError(t, gloss.Validate(instance(t, src)))
				return
			}
			// Parse: this file alone (what it extends is checked on its own).
			if _, err := config.Parse(p, src, config.LoadOptions{}); err != nil {
				t.Skipf("loader rejects it: %v", strings.SplitN(err.Error(), "\n", 2)[0])
			}
			assert.NoError(t, cfg.Validate(instance(t, src)))
			checked++
		})
	}
	assert.GreaterOrEqual(t, checked, 5)
}

// The schema rejects what the loader rejects, for the checks a schema
// can express.
func TestSchemaRejects(t *testing.T) {
	cfg := compile(t, "")
	for _, src := range []string{
		"termz: []\n",
		"version: 2\n",
		"terms: [{name: A, kind: prodcut}]\n",
		"terms: [{kind: product}]\n",
		"terms: [{name: A, variantz: [B]}]\n",
		"terms: [{name: A, trademark: (R)}]\n",
		"claims: [{id: a}]\n",
		"claims: [{pattern: x}]\n",
		"claims: [{id: a, pattern: x, citation: always}]\n",
		"claims: [{id: a, pattern: x, expires: 30/06/2027}]\n",
		"claims: [{id: a, pattern: x, value: lots}]\n",
		"disclaimers: [{id: d, when: [x]}]\n",
		"forbidden: [{phrase: a, pattern: b}]\n",
		"forbidden: [{message: m}]\n",
		"forbidden: [{phrase: a, severity: warn}]\n",
		"funnel: {stages: []}\n",
		"funnel: {signals: {decision: [[x]]}}\n",
		"funnel: {signals: {decision: [{phrase: x, wieght: 2}]}}\n",
		"coverage: {min: -1}\n",
		"coverage: {severity: loud}\n",
		"rules: {naming: warn}\n",
		"overrides: [{rules: {claims: off}}]\n",
		"include: \"**/*.md\"\n",
		"teams: [sales]\n",
		"html: {ignore: nav}\n",
	} {
		t.Run(src, func(t *testing.T) {
			_, lerr := config.Parse("c.yaml", []byte(src), config.LoadOptions{})
			assert.Error(t, lerr, "the loader accepts it")
			assert.Error(t, cfg.Validate(instance(t, []byte(src))), "the schema accepts it")
		})
	}
}
