#!/usr/bin/env bash
# Runs every test. The suite starts its own in-memory Azurite unless CRM_TEST_STORAGE holds a connection string.
# `./test.sh --fast` runs only the fast layer (tests/Crm.Rules.Tests: pure rules, no Azurite, no server).
set -euo pipefail
cd "$(dirname "$0")"

target=Crm.sln
if [ "${1:-}" = "--fast" ]; then
  shift
  target=tests/Crm.Rules.Tests
else
  if [ ! -f tools/azurite/node_modules/azurite/dist/src/table/main.js ]; then
    (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
  fi
  # The discovery tests: the OpenAPI linter (npm), the client generator (a dotnet local tool), headless Chromium.
  if [ ! -f tools/openapi-lint/node_modules/@redocly/cli/bin/cli.js ]; then
    (cd tools/openapi-lint && npm ci --no-audit --no-fund --loglevel=error)
  fi
  dotnet tool restore >/dev/null
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null \
        || echo "test.sh: installing chromium failed; the browser test is skipped." >&2
    else
      echo "test.sh: chromium and chromedriver are missing (Debian: apt-get install chromium chromium-driver); the browser test is skipped." >&2
    fi
  fi
fi

dotnet build "$target" --nologo -v quiet -clp:ErrorsOnly
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# `-v quiet` alone prints only a failed test's name; the console logger at minimal adds its message and stack.
dotnet test "$target" --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test projects, for people and CI alike.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
