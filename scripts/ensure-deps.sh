#!/usr/bin/env bash
# Installs (as root) or checks (otherwise) what the test suite needs: Node modules, SIPp, redis-server, and
# the C toolchain node-gyp builds the vms_rtp addon (native/) with.
# Prints a clear message naming the missing Debian package when it cannot install it.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v sipp >/dev/null 2>&1 || need_pkgs+=(sip-tester)
command -v redis-server >/dev/null 2>&1 || need_pkgs+=(redis-server)
command -v g++ >/dev/null 2>&1 || need_pkgs+=(g++)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)

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

# The addon: npm ci builds it; rebuilt here when its sources are newer (a pull after the last npm ci).
addon=build/Release/vms_rtp.node
if [ ! -f "$addon" ] || [ -n "$(find native binding.gyp -newer "$addon" 2>/dev/null)" ]; then
  echo "ensure-deps: building the vms_rtp addon (node-gyp)"
  npm run install --silent
fi
