#!/usr/bin/env bash
# `make demo`: start parc-server on its embedded SQLite in $DEMO_DIR, log parcctl in, and say what to type next.
set -euo pipefail
: "${DEMO_DIR:?}" "${BIN_DIR:?}" "${DEMO_LISTEN:=127.0.0.1:8443}"
mkdir -p "$DEMO_DIR"
data="$DEMO_DIR/data"
server="https://$DEMO_LISTEN"
export PARC_CONFIG="$DEMO_DIR/parcctl.json"

# Reads one string field of the pretty JSON `parc-server init --json` prints (one key per line).
json_field() { sed -n "s/^ *\"$1\" : \"\(.*\)\",\{0,1\}\$/\1/p"; }

if [ -f "$DEMO_DIR/server.pid" ] && kill -0 "$(cat "$DEMO_DIR/server.pid")" 2>/dev/null; then
    echo "The demo server is already running (pid $(cat "$DEMO_DIR/server.pid")); 'make demo-stop' stops it."
else
    init=$("$BIN_DIR/parc-server" init --data-dir "$data" --json 2>"$DEMO_DIR/init.log")
    token=$(printf '%s\n' "$init" | json_field managerToken)
    # The first token is shown once; the demo keeps it (0600) so it can log in again later.
    if [ -n "$token" ]; then (umask 077; printf '%s\n' "$token" > "$DEMO_DIR/manager-token"); fi
    nohup "$BIN_DIR/parc-server" serve --data-dir "$data" --listen "$DEMO_LISTEN" >"$DEMO_DIR/server.log" 2>&1 &
    echo $! > "$DEMO_DIR/server.pid"
    for _ in $(seq 1 50); do
        grep -q "listening on" "$DEMO_DIR/server.log" 2>/dev/null && break
        kill -0 "$(cat "$DEMO_DIR/server.pid")" 2>/dev/null || { echo "parc-server did not start:"; cat "$DEMO_DIR/server.log"; exit 1; }
        sleep 0.2
    done
    grep -q "listening on" "$DEMO_DIR/server.log" || { echo "parc-server did not start in time:"; cat "$DEMO_DIR/server.log"; exit 1; }
fi

fingerprint=$("$BIN_DIR/parc-server" init --data-dir "$data" --json 2>/dev/null | json_field caFingerprint)
"$BIN_DIR/parcctl" login --server "$server" --token "$(cat "$DEMO_DIR/manager-token")" --ca-fingerprint "$fingerprint"

echo
echo "This machine, as parc-agent reads it (enrollment and reporting to the server come next):"
"$BIN_DIR/parc-agent" inventory --only system,os,cpu,memory,software | sed 's/^/  /'

cat <<NEXT

Parc is running at $server (data in $data, log in $DEMO_DIR/server.log).
CA fingerprint: $fingerprint
Manager token:  $DEMO_DIR/manager-token

Try it (parcctl is logged in through PARC_CONFIG):
  export PARC_CONFIG=$PARC_CONFIG PATH=$BIN_DIR:\$PATH
  parcctl client create ACME --name "ACME SA" --siren 552032534
  parcctl client list
  parcctl employee add --client ACME --name "Jane Doe" --email jane@acme.example
  parcctl staff create --email tech@provider.example --name "Sam Tech" --role technician
  curl --cacert $data/pki/ca.pem $server/healthz
  parc-agent inventory            # this machine's full inventory (run as root for serials)

Stop it with: make demo-stop
NEXT
