// Package schema is the JSON Schema (draft-07) of msglint.yaml and the
// one place that names where it is published: `msglint init` writes URL on
// the first line of the config it proposes, for editors
// (yaml-language-server). msglint does not validate configs with it: the
// config package does, and reports line and column; the tests keep the
// two in step.
package schema

import _ "embed"

// JSON is the schema document, schema/msglint.schema.json.
//
//go:embed msglint.schema.json
var JSON []byte

// URL is the address editors can fetch the schema from; `msglint init`
// writes it in a "# yaml-language-server: $schema=" line.
const URL = "https://raw.githubusercontent.com/msglint/msglint/main/schema/msglint.schema.json"
