#!/usr/bin/env bash
# Installs (as root) or checks (otherwise) what the test suite needs: Node modules, SIPp, redis-server.
# Prints a clear message naming the missing Debian package when it cannot install it.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v sipp >/dev/null 2>&1 || need_pkgs+=(sip-tester)
command -v redis-server >/dev/null 2>&1 || need_pkgs+=(redis-server)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-deps: installing ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    echo "ensure-deps: missing Debian package(s): ${need_pkgs[*]} — install with: sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 2
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm ci"
  npm ci --no-audit --no-fund
fi
