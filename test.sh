#!/usr/bin/env bash
# Runs every test. The suite starts its own in-memory Azurite unless CRM_TEST_STORAGE holds a connection string.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f tools/azurite/node_modules/azurite/dist/src/table/main.js ]; then
  (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet build Crm.sln --nologo -v quiet -clp:ErrorsOnly
dotnet test Crm.sln --no-build --nologo -v quiet "$@"
