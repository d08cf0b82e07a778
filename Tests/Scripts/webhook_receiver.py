"""A webhook receiver for Parc's tests, and the check of what it received.

serve PORT_FILE LOG_FILE [--answers 500,500,500,200] [--delay-ms N]
    Listens on 127.0.0.1 (port written to PORT_FILE), appends one JSON line per request to
    LOG_FILE (headers, body, when, the status answered). The n-th request carrying a given
    webhook-id gets the n-th answer of --answers (the last one repeats); default 200.

verify LOG_FILE SECRET [SECRET...]
    Checks every logged request with the Standard Webhooks verifier from PyPI
    (`standardwebhooks`): each must verify with at least one of the secrets. Prints a summary
    as JSON: requests, verified, ids, attempts per id.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(port_file, log_file, answers, delay_ms):
    lock = threading.Lock()
    seen = {}
    log = open(log_file, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length).decode("utf-8")
            webhook_id = self.headers.get("webhook-id", "")
            with lock:
                count = seen.get(webhook_id, 0)
                seen[webhook_id] = count + 1
            status = answers[min(count, len(answers) - 1)]
            if delay_ms:
                time.sleep(delay_ms / 1000)
            entry = {
                "received": time.time(),
                "status": status,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
            with lock:
                log.write(json.dumps(entry) + "\n")
            payload = b"{}"
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os

    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


def verify(log_file, secrets):
    from standardwebhooks.webhooks import Webhook, WebhookVerificationError

    hooks = [Webhook(secret) for secret in secrets]
    requests, verified, attempts = 0, 0, {}
    failures = []
    for line in open(log_file):
        entry = json.loads(line)
        requests += 1
        headers = entry["headers"]
        ok = False
        for hook in hooks:
            try:
                hook.verify(entry["body"], headers)
                ok = True
                break
            except WebhookVerificationError as error:
                last = str(error)
        if ok:
            verified += 1
        else:
            failures.append({"id": headers.get("webhook-id"), "error": last})
        attempts.setdefault(headers.get("webhook-id"), []).append(
            {"received": entry["received"], "status": entry["status"], "signatures": len(headers.get("webhook-signature", "").split())}
        )
    print(json.dumps({"requests": requests, "verified": verified, "failures": failures[:5], "attempts": attempts}))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "serve":
        answers, delay = [200], 0
        args = sys.argv[2:]
        port_file, log_file = args[0], args[1]
        rest = args[2:]
        while rest:
            if rest[0] == "--answers":
                answers = [int(a) for a in rest[1].split(",")]
            elif rest[0] == "--delay-ms":
                delay = int(rest[1])
            rest = rest[2:]
        serve(port_file, log_file, answers, delay)
    elif command == "verify":
        verify(sys.argv[2], sys.argv[3:])
    else:
        sys.exit("usage: webhook_receiver.py serve|verify ...")
