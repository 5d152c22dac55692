// Package consistency implements the rules that compare what the assets
// of a corpus say with each other, across files: consistency/claim-conflict
// (one statement, one number everywhere).
//
// The rule reads each document's statistic-like figures from the claims
// rules' shared analysis (claims.Stats: the figure, its value, its
// statement keys, and whether it is registered, about a competitor or a
// change), exports the keyed ones as facts, and groups them by statement
// in its Finish (conflictFindings: near-linear in the size of a group; the
// quadratic reference it is checked against is in conflict_ref_test.go).
package consistency
