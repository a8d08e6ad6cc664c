# The two commands a new user needs: `make run` and `make test`.
GO ?= go

.PHONY: run test setup build generate bench bench-peer fuzz

run:
	$(GO) run ./cmd/diplograph serve

# setup installs what the tests need beyond Go (the pinned npm packages for
# the Cypher linter and the GraphQL-over-HTTP audit, tools/); it is
# idempotent and cheap when nothing changed.
setup:
	./scripts/setup-test.sh

# test checks formatting (gofmt) and vets, runs every test, then every fuzz target for a short bounded time
# (CI_FUZZTIME each), so CI fuzzes each reader, recognizer and the cursor
# decoder on every run; `make fuzz` runs them longer.
CI_FUZZTIME ?= 5s
test: setup
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test ./...
	FUZZTIME=$(CI_FUZZTIME) GO=$(GO) ./scripts/fuzz.sh

build:
	$(GO) build -o bin/diplograph ./cmd/diplograph

generate:
	$(GO) generate ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# bench-peer runs the side-by-side against the benchmark peer (PostGraphile 5
# over PostgreSQL, ../shared/bench/peer) on SCALE copies of the gold graph
# loaded into both (SCALE=1 default): req/s, p50/p99 per query and the ratio.
# It needs PostgreSQL 15 (+contrib), node/npm and python3, and says which
# is missing. Not part of `make test`.
SCALE ?= 1
bench-peer:
	SCALE=$(SCALE) GO=$(GO) ./scripts/bench-peer.sh

# fuzz runs every fuzz target for FUZZTIME each (default 10s); crashers
# land in the package's testdata/fuzz and then run in `make test`.
fuzz:
	GO=$(GO) ./scripts/fuzz.sh
