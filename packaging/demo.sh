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

# A local agent: a client for this machine, an enrollment token, enroll once, then report.
agent_state="$DEMO_DIR/agent"
if [ ! -f "$agent_state/agent.json" ]; then
    "$BIN_DIR/parcctl" client show DEMO >/dev/null 2>&1 || "$BIN_DIR/parcctl" client create DEMO --name "Demo client (this machine)" >/dev/null
    enroll_token=$("$BIN_DIR/parcctl" enroll-token create --client DEMO --label "make demo" --json | json_field secret)
    "$BIN_DIR/parc-agent" enroll --server "$server" --token "$enroll_token" --ca-fingerprint "$fingerprint" --state-dir "$agent_state"
fi
"$BIN_DIR/parc-agent" report --state-dir "$agent_state"
# A portal account for the demo client's first employee: its invitation link is printed once.
if ! "$BIN_DIR/parcctl" employee list --client DEMO 2>/dev/null | grep -q "it@demo.example"; then
    "$BIN_DIR/parcctl" employee add --client DEMO --name "Demo IT contact" --email it@demo.example >/dev/null
    echo
    "$BIN_DIR/parcctl" portal-user invite --client DEMO --employee it@demo.example --role client-admin
fi
echo
"$BIN_DIR/parcctl" agent list --client DEMO
echo
echo "This machine, as parc-agent reads it:"
"$BIN_DIR/parc-agent" inventory --only system,os,cpu,memory,software | sed 's/^/  /'

cat <<NEXT

Parc is running at $server (data in $data, log in $DEMO_DIR/server.log).
CA fingerprint: $fingerprint
Manager token:  $DEMO_DIR/manager-token

The client portal is at $server/portal: open the invitation link printed above (once; the browser
warns about the demo's own CA), choose a password, and see the DEMO client as its IT contact does
('parcctl portal-user list --client DEMO', then 'parcctl portal-user link ID' for a new link).

Try it (parcctl is logged in through PARC_CONFIG):
  export PARC_CONFIG=$PARC_CONFIG PATH=$BIN_DIR:\$PATH
  parcctl client create ACME --name "ACME SA" --siren 552032534
  parcctl client list
  parcctl employee add --client ACME --name "Jane Doe" --email jane@acme.example
  parcctl staff create --email tech@provider.example --name "Sam Tech" --role technician
  curl --cacert $data/pki/ca.pem $server/healthz
  parc-agent inventory            # this machine's full inventory (run as root for serials)
  parc-agent report --state-dir $agent_state    # report again: only what changed is sent
  parcctl agent list
  parcctl asset list --client DEMO                 # this machine as an asset, reconciled from its report
  parcctl asset show 1 ; parcctl asset history 1   # its parts, and what changed since
  parcctl software find openssl --client DEMO
  parcctl ticket create --client DEMO --title "Disk almost full" --priority P2 --asset 1
  parcctl ticket assign T-$(date +%Y)-00001 --technician me ; parcctl ticket list --mine
  parcctl ticket log-time T-$(date +%Y)-00001 --minutes 20 ; parcctl ticket resolve T-$(date +%Y)-00001 --resolution "Old logs removed"
  parcctl maintenance plan create --client DEMO --name "Monthly check" --kind computer --every 1 --unit months --starts-on $(date +%F) --check "Apply updates"
  parcctl sla show
  parcctl contract create --client DEMO --reference C-DEMO --title "Managed services" --starts-on $(date +%Y-%m-01) --status active
  parcctl contract add-line 1 --kind flat --description "Managed services" --price 500 ; parcctl contract add-line 1 --kind per-device --description "Workstation care" --price 30
  parcctl billing run --dry-run ; parcctl billing run ; parcctl invoice list
  parcctl invoice issue 1 ; parcctl invoice export 1 --format pdf ; parcctl payment record 1 --amount 100
  parcctl accounting export --format fec --from $(date +%Y)-01-01 --to $(date +%Y)-12-31 ; parcctl revenue

Stop it with: make demo-stop
NEXT
