# The two commands: `make run` (the engine, embedded defaults) and `make test` (everything, installs what it needs).
SHELL := /bin/bash
.PHONY: run test check build lint typecheck unit bench announcements clean

run: build
	node --max-semi-space-size=64 bin/vms.js serve

build: node_modules build/Release/vms_rtp.node
	npm run build --silent

# The vms_rtp addon (native/: RTP relay thread, batched sends, SIP UDP sockets); npm ci builds it too.
build/Release/vms_rtp.node: binding.gyp $(wildcard native/*.c native/*.h)
	npm run install --silent

node_modules: package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules

# Every test: unit, contract (memory + real redis-server), end-to-end (real engine, SIPp).
test:
	./scripts/ensure-deps.sh
	npm run build --silent
	npx tsc -p tsconfig.json --noEmit
	npx biome check .
	rm -f .vitest-report.json
	npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest-report.json; \
	  status=$$?; node scripts/test-summary.mjs .vitest-report.json; summary=$$?; \
	  [ $$status -eq 0 ] && [ $$summary -eq 0 ]

# Type check, lint/format, unit tests only (fast, no external services).
check: node_modules
	npx tsc -p tsconfig.json --noEmit
	npx biome check .
	npx vitest run test/unit

bench: build
	./scripts/ensure-deps.sh
	node --max-semi-space-size=64 bench/call-path.bench.mjs
	node bench/sip-load.mjs
	node bench/media.bench.mjs

# Regenerate the example announcements (needs espeak-ng and sox).
announcements:
	./scripts/make-announcements.sh

clean:
	rm -rf dist .vitest-report.json
