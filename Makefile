# Jixiao: `make run` builds the web app and the binary, migrates, seeds the
# Golmud data and serves; `make test` runs every test against a real
# PostgreSQL, the web app's unit tests, its size check and the browser tests.
GO      ?= go
NPM     ?= npm
BIN     := bin/jixiao
WEB     := frontend
# npm ci writes this file; it is older than package-lock.json when the
# installed modules are stale.
WEB_DEPS := $(WEB)/node_modules/.package-lock.json

.PHONY: all build go-build web web-deps run test vet tidy-check go-test memory-check web-test web-size browser-test db clean bench bench-quick bench-bins bench-web api-types api-check soak fuzz drill-bins test-failover test-pitr

all: build

# The web app first, so that the binary embeds frontend/dist.
build: web go-build

go-build:
	$(GO) build -o $(BIN) ./cmd/jixiao

web-deps: $(WEB_DEPS)

$(WEB_DEPS): $(WEB)/package-lock.json $(WEB)/package.json
	cd $(WEB) && $(NPM) ci --no-audit --no-fund
	touch $@

web: web-deps
	cd $(WEB) && $(NPM) run build

db:
	./scripts/ensure-postgres.sh

# The demo signs in with passwords alone unless JIXIAO_TOTP_REQUIRED_ROLES is
# set: production's default makes admins, reviewers and auditors enrol a
# second factor (README "Second factor and password life").
run: build db
	$(BIN) migrate
	$(BIN) seed --demo-users
	JIXIAO_TOTP_REQUIRED_ROLES="$${JIXIAO_TOTP_REQUIRED_ROLES-}" $(BIN) serve

vet:
	$(GO) vet ./...

# go.mod must list what the code imports, directly, and nothing else.
tidy-check:
	$(GO) mod tidy -diff

go-test: db
	$(GO) test -race -count=1 ./...

# 200 parallel logins for one username stay under 300 MB of peak RSS; checked
# without -race, which multiplies memory use.
memory-check: db
	$(GO) test -count=1 -run '^TestParallelLoginsCheckAtMostFivePasswords$$' -v ./app/api

# Vitest: formatting, permissions, conflict handling, the API client and its
# agreement with the OpenAPI document.
web-test: web-deps
	cd $(WEB) && npx vitest run

# The OpenAPI document (app/api/openapi/*.json, merged as the server merges
# it) lints clean under Redocly's recommended rules, and the web app's types
# (frontend/src/api/schema.d.ts, openapi-typescript) are generated from it:
# make api-types writes them again after the document changed.
api-check: web-deps
	cd $(WEB) && $(NPM) run api-check

api-types: web-deps
	cd $(WEB) && $(NPM) run api-types

# Fails when the first page's JavaScript and CSS exceed 500 KB gzipped.
web-size: web
	cd $(WEB) && node --test scripts/size.test.mjs

# Real Chromium (Debian's, never downloaded) against a freshly built binary
# and a fresh database; screenshots land in frontend/e2e/artifacts/.
browser-test: build db
	./$(WEB)/e2e/run.sh $(BIN)

test: tidy-check vet api-check go-test memory-check fuzz web-test web-size browser-test

clean:
	rm -rf bin $(WEB)/e2e/artifacts
	find $(WEB)/dist -mindepth 1 ! -name .gitkeep -delete

# Benchmarks (BENCHMARKS.md): a synthetic province (jixiao gen), the server and
# a bare pgx baseline driven by a separate load process on 127.0.0.1.
# `make bench` is the province (5,000 departments × 12 projects) and takes
# about ten minutes on 2 cores; BENCH_DEPARTMENTS=50 makes a small run of the same.
BENCH_DEPARTMENTS ?= 5000
BENCH_PHASE       ?= 10s
BENCH_OUT         ?= BENCHMARKS.md

bench-bins:
	$(GO) build -o bin/jixiao ./cmd/jixiao
	$(GO) build -o bin/jixiao-baseline ./cmd/jixiao-baseline
	$(GO) build -o bin/jixiao-bench ./cmd/jixiao-bench

bench: bench-bins db
	bin/jixiao-bench --departments $(BENCH_DEPARTMENTS) --phase $(BENCH_PHASE) --out $(BENCH_OUT)

# Cold loads of the dashboard and a report page in Debian's Chromium at 4×
# CPU, with and without a 10 Mbit/40 ms line, median of 5; the figures are
# printed and written into BENCHMARKS.md (its web section).
bench-web: build db
	./$(WEB)/e2e/run.sh $(BIN) node scripts/bench-web.mjs --out $(abspath $(BENCH_OUT))

# 300 departments in under a minute; the last line is one JSON object.
bench-quick: bench-bins db
	bin/jixiao-bench --departments 300 --phase 800ms --benchtime 100ms --two-servers=false --profile=false --rescore-all=false

# The long failure tests: PostgreSQL away five times for 8 s under load,
# ten SIGKILLs of the server during saves and ten during imports (make test runs short versions).
soak: db
	JIXIAO_SOAK=1 $(GO) test -race -count=1 -timeout 30m -v \
		-run 'TestDatabaseStoppedDuringLoad|TestPrivateClusterStoppedDuringLoad|TestKilledDuringSavesLeavesEachAllOrNothing|TestKilledDuringAnImportLeavesItAllOrNothing|TestWithSessionCaches|TestApproveSentToBoth' \
		./app/api ./cmd/jixiao

# Each fuzz target for a few seconds, starting from its committed corpus
# (testdata/fuzz); FUZZTIME=1m for longer.
FUZZTIME ?= 3s
fuzz: db
	$(GO) test -run '^$$' -fuzz '^FuzzReportBody$$' -fuzztime $(FUZZTIME) ./app/api
	$(GO) test -run '^$$' -fuzz '^FuzzParseNumber$$' -fuzztime $(FUZZTIME) ./domain/report

# The recovery drills (README "High availability and point-in-time
# recovery"), on this machine, loopback only, in a temporary directory they
# remove: Debian's etcd-server, patroni and pgbackrest and PostgreSQL 15 run
# as the postgres user, never the machine's own cluster. Each prints its
# figures as one JSON line last and fails when a goal is missed.
# test-failover: etcd and two Patroni nodes, Jixiao on them, six clients
# saving reports, kill -9 of the primary node (Patroni and postmaster) once
# the other is its Sync Standby: every save answered 200 must be there, and
# saving unavailable for at most 15 s.
# test-pitr: pgBackRest archives the WAL to a local repository; a full
# backup, approvals, time T, a mistaken batch return, a restore to T into
# a new data directory: approvals there, the mistake not, the audit chain
# intact.
DRILL := bin/jixiao-drill

drill-bins:
	$(GO) build -o $(BIN) ./cmd/jixiao
	$(GO) build -o $(DRILL) ./cmd/jixiao-drill

test-failover: drill-bins
	./scripts/ensure-drill-tools.sh
	$(DRILL) failover --jixiao $(BIN)

test-pitr: drill-bins
	./scripts/ensure-drill-tools.sh
	$(DRILL) pitr --jixiao $(BIN)
