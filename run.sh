#!/usr/bin/env bash
# Runs the CRM locally: Azurite with a persistent data folder, then Crm.Server on Kestrel.
#   CRM_PORT      server port (default 7071)
#   CRM_DATA_DIR  where Azurite keeps its data and the generated development key (default .data/)
#   CRM_API_KEY   the development API key (default: generated once, kept in the data folder)
#   CRM_STORAGE   a storage connection string (e.g. a real account): used as it is, and no Azurite is started
set -euo pipefail
# Job control: background children get their own process groups and keep SIGINT, so the trap can stop them cleanly.
set -m
cd "$(dirname "$0")"

port="${CRM_PORT:-7071}"
data="${CRM_DATA_DIR:-.data}"
mkdir -p "$data/azurite"

storage="${CRM_STORAGE:-}"
if [ -z "$storage" ] && [ ! -f tools/azurite/node_modules/azurite/dist/src/table/main.js ]; then
  echo "Installing Azurite (npm ci in tools/azurite)…"
  (cd tools/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build src/Crm.Server --nologo -v quiet -clp:ErrorsOnly

if [ -n "${CRM_API_KEY:-}" ]; then
  key="$CRM_API_KEY"
else
  if [ ! -s "$data/dev-api-key" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$data/dev-api-key")
  fi
  key="$(cat "$data/dev-api-key")"
fi

azurite_pid=""
queue_pid=""
server_pid=""

stop() {
  trap - INT TERM EXIT
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  # SIGINT lets Azurite save its last writes (SIGTERM can lose ~5 s of them).
  [ -n "$azurite_pid" ] && kill -INT "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null || true
  [ -n "$queue_pid" ] && kill -INT "$queue_pid" 2>/dev/null && wait "$queue_pid" 2>/dev/null || true
  echo "Stopped."
}
trap stop INT TERM EXIT

if [ -n "$storage" ]; then
  storage_shown="the storage in CRM_STORAGE (no Azurite started)"
else
  azurite_port="${CRM_AZURITE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 10002)}"
  node tools/azurite/node_modules/azurite/dist/src/table/main.js \
    --tableHost 127.0.0.1 --tablePort "$azurite_port" --location "$data/azurite" --disableTelemetry --silent &
  azurite_pid=$!
  # The queue `sync` puts its runs on. Azurite may not know the service version Azure.Storage.Queues 12.28 sends.
  queue_port="${CRM_AZURITE_QUEUE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 10001)}"
  node tools/azurite/node_modules/azurite/dist/src/queue/main.js \
    --queueHost 127.0.0.1 --queuePort "$queue_port" --location "$data/azurite" --skipApiVersionCheck --disableTelemetry --silent &
  queue_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$azurite_port/devstoreaccount1/Tables" && curl -s -o /dev/null "http://127.0.0.1:$queue_port/devstoreaccount1?comp=list" && break
    sleep 0.1
  done
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;"
  storage_shown="Azurite on 127.0.0.1:$azurite_port (data in $data/azurite)"
fi

export Crm__Storage__ConnectionString="$storage"
export Crm__ApiKeys__Local__0="$key"
export Crm__Bootstrap__Admin="${Crm__Bootstrap__Admin:-admin}"
url="http://127.0.0.1:$port"

cat <<MSG
CRM API:  $url/plugins/servlet/crm/api
API key:  $key
User:     ${Crm__Bootstrap__Admin}
Storage:  $storage_shown
Try:      curl -s -H 'X-Api-Key: $key' -H 'X-Crm-User: ${Crm__Bootstrap__Admin}' '$url/plugins/servlet/crm/api?command=getcompanies'
Ctrl+C stops the server and Azurite.
MSG

dotnet src/Crm.Server/bin/Debug/net10.0/Crm.Server.dll --contentRoot "$PWD/src/Crm.Server" --urls "$url" &
server_pid=$!
wait "$server_pid"
