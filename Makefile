# Jixiao: `make run` builds, migrates, seeds the Golmud data and serves;
# `make test` runs every test against a real PostgreSQL.
GO      ?= go
BIN     := bin/jixiao

.PHONY: all build run test vet tidy-check go-test memory-check db clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/jixiao

db:
	./scripts/ensure-postgres.sh

run: build db
	$(BIN) migrate
	$(BIN) seed --demo-users
	$(BIN) serve

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

test: tidy-check vet go-test memory-check

clean:
	rm -rf bin
