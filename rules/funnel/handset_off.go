//go:build !handsetfunnel

package funnel

// handset is true in the cost baseline built with `-tags handsetfunnel`
// (handset_on.go): the hand-set tagger of before the learned model.
const handset = false

var handsetSignals map[string][]sig
