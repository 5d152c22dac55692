// Package schema holds the JSON Schema (draft-07) of msglint.yaml, for
// editors (yaml-language-server) and for tests. msglint itself validates
// configs with the glossary package, which reports line and column.
package schema

import _ "embed"

// JSON is the schema document, schema/msglint.schema.json.
//
//go:embed msglint.schema.json
var JSON []byte

// URL is the address editors can fetch the schema from; `msglint init`
// writes it in a "# yaml-language-server: $schema=" line.
const URL = "https://raw.githubusercontent.com/msglint/msglint/main/schema/msglint.schema.json"
