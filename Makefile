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

.PHONY: all build go-build web web-deps run test vet tidy-check go-test memory-check web-test web-size browser-test db clean

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

# Fails when the first page's JavaScript and CSS exceed 500 KB gzipped.
web-size: web
	cd $(WEB) && node --test scripts/size.test.mjs

# Real Chromium (Debian's, never downloaded) against a freshly built binary
# and a fresh database; screenshots land in frontend/e2e/artifacts/.
browser-test: build db
	./$(WEB)/e2e/run.sh $(BIN)

test: tidy-check vet go-test memory-check web-test web-size browser-test

clean:
	rm -rf bin $(WEB)/e2e/artifacts
	find $(WEB)/dist -mindepth 1 ! -name .gitkeep -delete
