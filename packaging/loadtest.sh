#!/usr/bin/env bash
# `make loadtest`: a release parc-server on a fresh data directory (SQLite, or PARC_LOADTEST_DATABASE),
# then parc-loadgen on the same machine: the handshake floor, unchanged check-ins on new connections
# (in rounds that alternate with handshake rounds, so that both rates are measured in the same
# seconds of a shared machine), on reused connections, full inventories only, and the default mix.
# parc-loadgen's default of 8 connections per core keeps both processes busy; more would only queue.
# Prints one JSON line per run, then the median ratio of new-connection check-ins to handshakes.
set -euo pipefail
: "${BIN_DIR:?}"
agents=${PARC_LOADTEST_AGENTS:-200}
duration=${PARC_LOADTEST_SECONDS:-20}
rounds=${PARC_LOADTEST_ROUNDS:-7}
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
# run SECONDS ARGS...: one parc-loadgen run, one JSON line.
run() {
    local seconds=$1; shift
    "$BIN_DIR/parc-loadgen" --server "https://127.0.0.1:$port" --token "$token" --ca-fingerprint "$fingerprint" \
        --agents "$agents" --duration "$seconds" --server-pid "$server_pid" --json "$@"
}
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }
run "$duration" --mode handshake
# Paired rounds of 4 s each: the median of seven ratios moves less than one long run's on a busy machine.
new=$(run $((rounds * 4)) --mode new --changed-pct 0 --full-pct 0 --rounds "$rounds")
echo "$new"
run "$duration" --mode reuse --changed-pct 0 --full-pct 0
run "$duration" --mode new --changed-pct 0 --full-pct 100
run "$duration" --mode new
# Unchanged check-ins over new connections against the handshake rounds between them.
awk -v r="$(field ratioToHandshake <<< "$new")" -v n="$(field unchangedPerSecond <<< "$new")" -v h="$(field handshakesPerSecond <<< "$new")" \
    'BEGIN { printf "new/handshake: %.0f%% (median of rounds; %.1f vs %.1f per second over all rounds; target 80%%)\n", 100 * r, n, h }'
