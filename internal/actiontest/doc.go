// Package actiontest tests the repository's GitHub Action (action.yml)
// and the example workflow in docs/ci.md: it runs the action's steps
// locally the way a runner does, and lints the workflow with actionlint.
package actiontest
