#!/usr/bin/env bash
# `make loadtest`: a release parc-server on a fresh data directory (SQLite, or PARC_LOADTEST_DATABASE),
# then parc-loadgen on the same machine: the handshake floor, unchanged check-ins on new and on
# reused connections, full inventories only, and the default mix. Prints one JSON line per run,
# then the ratio of new-connection check-ins to handshakes.
set -euo pipefail
: "${BIN_DIR:?}"
agents=${PARC_LOADTEST_AGENTS:-200}
duration=${PARC_LOADTEST_SECONDS:-20}
work=$(mktemp -d /tmp/parc-loadtest.XXXXXX)
database_args=()
[ -n "${PARC_LOADTEST_DATABASE:-}" ] && database_args=(--database "$PARC_LOADTEST_DATABASE")
"$BIN_DIR/parc-server" init --data-dir "$work/data" "${database_args[@]}" --json > "$work/init.json" 2>/dev/null
json_field() { sed -n "s/^ *\"$1\" : \"\(.*\)\",\{0,1\}\$/\1/p"; }
token=$(json_field managerToken < "$work/init.json")
fingerprint=$(json_field caFingerprint < "$work/init.json")
"$BIN_DIR/parc-server" serve --data-dir "$work/data" "${database_args[@]}" --listen 127.0.0.1:0 --log-level warning > "$work/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$work/server.log" && break; sleep 0.1; done
port=$(grep -o 'https://127.0.0.1:[0-9]*' "$work/server.log" | cut -d: -f3)
run() {
    "$BIN_DIR/parc-loadgen" --server "https://127.0.0.1:$port" --token "$token" --ca-fingerprint "$fingerprint" \
        --agents "$agents" --duration "$duration" --server-pid "$server_pid" --json "$@"
}
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
handshake=$(run --mode handshake)
echo "$handshake"
new=$(run --mode new --changed-pct 0 --full-pct 0)
echo "$new"
run --mode reuse --changed-pct 0 --full-pct 0
# Full inventories from 16 connections: a closed loop at 64 would only measure its own queue.
run --mode new --changed-pct 0 --full-pct 100 --concurrency 16
run --mode new
# Unchanged check-ins over new connections against the handshake floor, measured in this same run.
awk -v n="$(field unchangedPerSecond <<< "$new")" -v h="$(field handshakesPerSecond <<< "$handshake")" \
    'BEGIN { if (h > 0) printf "new/handshake: %.0f%% (%.1f vs %.1f per second; target 80%%)\n", 100 * n / h, n, h }'
