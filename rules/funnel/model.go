package funnel

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// model is what the classifier needs, built once per run from the config.
type model struct {
	stages     []string
	audiences  []string
	objections []string
	m          *matcher
	pool       sync.Pool // *scores
	mapOnce    sync.Once
	toModel    []int  // configured stage -> learned model stage (modelStages)
	learned    *Model // the content model (nil: none could be read)
	keepAll    bool   // keep every feature hash on the asset (training)
	// conventions: the path conventions count (paths.go)
	conventions bool
}

// The run's memos: the model, and what training and evaluation change.
var (
	modelMemo    = &lint.Memo[*model]{Name: "funnel/model"}
	overrideMemo = &lint.Memo[*override]{Name: "funnel/model.override"}
	noInRepoMemo = &lint.Memo[bool]{Name: "funnel/no-in-repo"}
)

// override replaces the shipped content model for one run (training and
// evaluation).
type override struct {
	model   *Model
	keepAll bool
}

// UseModel makes every run with env use m instead of the shipped content
// model, and keep every feature's hash on the assets (AssetFeatures) when
// keepAll is set. Call it before the run; it has no effect once env was
// used.
func UseModel(env *lint.Env, m *Model, keepAll bool) {
	lint.MemoOf(env, overrideMemo, func() (*override, error) { return &override{m, keepAll}, nil })
}

// SkipInRepo turns the in-repo learning off for every run with env
// (training reads the content model's own verdicts). Call it before the
// run.
func SkipInRepo(env *lint.Env) {
	lint.MemoOf(env, noInRepoMemo, func() (bool, error) { return true, nil })
}

func skipSettle(env *lint.Env) bool {
	if handset {
		return true // the cost baseline: no in-repo learning
	}
	if env == nil {
		return false
	}
	skip, _ := lint.MemoOf(env, noInRepoMemo, func() (bool, error) { return false, nil })
	return skip
}

// getModel returns the run's model (built once, shared by every worker).
func getModel(env *lint.Env) *model {
	md, _ := lint.MemoOf(env, modelMemo, func() (*model, error) {
		md := buildModel(env.Config)
		if env.Config == nil || env.Config.DefaultsOn() {
			// `defaults: false` turns off every embedded default: the
			// content model and the path conventions with the rest
			md.learned, _ = Shipped()
			md.conventions = true
		}
		if handset { // the cost baseline: no model, no conventions
			md.learned, md.conventions = nil, false
		}
		if ov, _ := lint.MemoOf(env, overrideMemo, func() (*override, error) { return nil, nil }); ov != nil {
			md.learned, md.keepAll, md.conventions = ov.model, ov.keepAll, true
		}
		return md, nil
	})
	return md
}

// Ordered returns the keys of m in the order given (the config's file
// order), then any others sorted.
func Ordered[V any](m map[string]V, order []string) []string {
	out := make([]string, 0, len(m))
	seen := map[string]bool{}
	for _, k := range order {
		if _, ok := m[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// StageName resolves a stage written by a person (front matter, config
// keys): a configured stage, case-insensitively, or a TOFU/MOFU/BOFU alias
// of one. ok is false when it names no configured stage.
func StageName(stages []string, s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", false
	}
	for _, st := range stages {
		if strings.ToLower(st) == s {
			return st, true
		}
	}
	if a, ok := aliases[s]; ok && slices.Contains(stages, a) {
		return a, true
	}
	return "", false
}

func buildModel(cfg *config.Config) *model {
	md := &model{m: newMatcher()}
	if cfg == nil {
		cfg = config.Default(".")
	}
	md.stages = cfg.Funnel.Stages
	if len(md.stages) == 0 {
		md.stages = config.DefaultStages
	}
	// Stage signals: embedded defaults, then the config's additions and
	// overrides, keyed by the folded phrase.
	for si, st := range md.stages {
		type entry struct {
			text   string
			weight float64
		}
		var list []entry
		idx := map[string]int{}
		set := func(text string, w float64) {
			k := match.LooseKey(text)
			if k == "" {
				return
			}
			if i, ok := idx[k]; ok {
				list[i].weight = w
				return
			}
			idx[k] = len(list)
			list = append(list, entry{text, w})
		}
		for _, s := range handsetSignals[st] { // the cost baseline only (handset_on.go)
			set(s.phrase, s.weight)
		}
		for _, key := range Ordered(cfg.Funnel.Signals, cfg.Funnel.SignalOrder) {
			if name, ok := StageName(md.stages, key); !ok || name != st {
				continue
			}
			for _, s := range cfg.Funnel.Signals[key] {
				set(s.Phrase, s.Weight)
			}
		}
		for _, e := range list {
			if e.weight != 0 {
				md.m.add(phrase{kind: kindStage, group: si, text: e.text, weight: e.weight, notCaps: notCaps[e.text]})
			}
		}
	}
	md.audiences = Ordered(cfg.Audiences, cfg.AudienceOrder)
	for ai, name := range md.audiences {
		for _, kw := range cfg.Audiences[name] {
			md.m.add(phrase{kind: kindAudience, group: ai, text: kw, weight: 1})
		}
	}
	md.objections = Ordered(cfg.Objections, cfg.ObjectionOrder)
	for oi, name := range md.objections {
		for _, kw := range cfg.Objections[name] {
			md.m.add(phrase{kind: kindObjection, group: oi, text: kw, weight: 1})
		}
	}
	return md
}
