#!/usr/bin/env bash
# Read-only check of a deployed CRM API: gettables, getcompanies (one entry where paging exists), and a wrong key
# refused with 401. Prints one line, "smoke OK …" (exit 0) or "smoke FAILED …" (exit 1).
# Usage: CRM_API_KEY=<key> [CRM_USER=admin] scripts/smoke.sh https://<app>.azurewebsites.net
# The key travels in the X-Api-Key header, never in a URL, and is never printed.
set -u

base="${1:-}"
if [[ -z "$base" || -z "${CRM_API_KEY:-}" ]]; then
  echo "usage: CRM_API_KEY=<key> [CRM_USER=admin] $0 <base-url>" >&2
  exit 2
fi
api="${base%/}/plugins/servlet/crm/api"
user="${CRM_USER:-admin}"
body=$(mktemp)
trap 'rm -f "$body"' EXIT

# call KEY QUERY: sets $status (000 when nothing answered) and leaves the answer in $body.
call() {
  status=$(curl -s -o "$body" -w '%{http_code}' --max-time 60 --retry 2 --retry-connrefused --retry-delay 2 \
    -H "X-Api-Key: $1" -H "X-Crm-User: $user" "$api?$2") || true
  [[ -n "$status" ]] || status=000
}

succeeded() { [[ "$status" == 200 ]] && grep -q '"success":true' "$body"; }

fail() {
  echo "smoke FAILED at $1: HTTP $status $(head -c 200 "$body" | tr -d '\n') ($api)"
  exit 1
}

call "$CRM_API_KEY" "command=gettables"
succeeded || fail "gettables"

# limit=1 keeps the answer small where paging exists; an app without it lists every company, still read-only.
call "$CRM_API_KEY" "command=getcompanies&limit=1"
if ! succeeded; then
  call "$CRM_API_KEY" "command=getcompanies"
  succeeded || fail "getcompanies"
fi

call "smoke-wrong-key-$RANDOM$RANDOM$RANDOM" "command=gettables"
[[ "$status" == 401 ]] && grep -q '"code":"unauthorized"' "$body" || fail "wrong key (expected 401)"

echo "smoke OK: gettables 200, getcompanies 200, wrong key 401 ($api)"
