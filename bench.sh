#!/usr/bin/env bash
# Runs the benchmark: its own in-memory Azurite, the server in process on 127.0.0.1, a markdown table on stdout.
#   ./bench.sh            full run (100,000 contacts; the README's table)
#   ./bench.sh --quick    under 2 minutes, smaller tables
#   ./bench.sh --help     options (--rows, --out)
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f tools/azurite/node_modules/azurite/dist/src/table/main.js ]; then
  (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build bench/Crm.Bench -c Release --nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet bench/Crm.Bench/bin/Release/net10.0/Crm.Bench.dll "$@"
