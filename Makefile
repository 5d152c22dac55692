# msglint developer tasks. Everything needs only Go (and grep for bench).
GO       ?= go
FUZZTIME ?= 10s
FUZZMIN  ?= 2s
N        ?= 10000
G        ?= 10,100,1000

.PHONY: all build test vet fmt fuzz bench bench-warm bench-scale bench-claims bench-funnel demo docs clean train-funnel eval-funnel

all: vet test

build:
	$(GO) build -o bin/msglint ./cmd/msglint

# The README's test command is `go test ./...`; this adds vet and gofmt.
test:
	$(GO) test ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...

# Run every fuzz target for FUZZTIME each (seed corpora live in testdata/fuzz).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) $$pkg; \
	  done; \
	done

# The whole CLI on a generated corpus of N files and glossaries of G terms,
# checked against the generator's answer key and timed against grep.
bench:
	$(GO) run ./bench -n $(N) -g $(G)

# The content cache: cold, warm, one file changed, --changed-since (bench/warm.go).
bench-warm:
	$(GO) run ./bench -warm -n $(N) -g 1000 -runs 3

# CPU per file, peak RSS and live heap at 1k, 10k and 100k files
# (SCALE=1000,10000 for a shorter run; the 100k corpus takes minutes).
SCALE ?= 1000,10000,100000
bench-scale:
	$(GO) run ./bench -scale $(SCALE) -g 1000 -runs 1

# What the funnel tagger adds to a run (bench/funnel.go): msglint built
# without it (-tags nofunnel), with the hand-set tagger of before the
# learned model (-tags handsetfunnel) and as it ships, timed interleaved
# on the generated corpus of N files, or on CORPUS=DIR (real content);
# INSTR=1 also counts instructions with valgrind (minutes).
CORPUS ?=
ROUNDS ?= 10
bench-funnel:
	$(GO) run ./bench -funnel -n $(N) -g 1000 -runs $(ROUNDS) $(if $(CORPUS),-corpus $(CORPUS)) $(if $(INSTR),-instructions)

bench-claims:
	$(GO) run ./bench -n $(N) -g 1000 -claims 0
	$(GO) run ./bench -n $(N) -g 1000 -claims 200

# The README's first command.
demo:
	$(GO) run ./cmd/msglint check examples/acme

# Regenerate docs/rules.md from the rules' documentation.
docs:
	UPDATE_GOLDEN=1 $(GO) test ./internal/cli/ -run TestRulesDoc

clean:
	rm -rf bin

# The funnel-stage content model: retrain rules/funnel/model.bin from the
# labelled corpora (../shared/corpora) and the written pages, and print the
# leave-one-site-out evaluation (docs/funnel.md).
train-funnel:
	$(GO) run ./cmd/train-funnel

eval-funnel:
	$(GO) run ./rules/funnel/eval
