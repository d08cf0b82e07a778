#!/usr/bin/env python3
"""Checks live answers of a running parc-server against server/openapi.yaml with openapi-core.

usage: openapi_live_check.py DOCUMENT BASE_URL TOKEN CA_FILE SAMPLES_JSON AGENT_STATE_DIR

SAMPLES_JSON is a list of {"method", "path", "body"?, "agent"?, "token"?} requests made with the
staff token (or the sample's own "token": a portal token), or with the agent's client certificate
from AGENT_STATE_DIR when "agent" is true: each
request and its answer must match the document, and every tag of the document must have at least
one sample answered 2xx. Then every operation that needs credentials is called without them: each
must answer 401 with the error body the document declares. Prints one line per problem and exits 1
if there is any.
"""
import json
import re
import sys

import requests
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.deserializing.media_types.util import plain_loads

document, base_url, token, ca_file, samples_file, agent_state = sys.argv[1:7]
agent_certificate = (agent_state + "/agent.pem", agent_state + "/agent.key")
with open(document) as handle:
    spec = yaml.safe_load(handle)
spec["servers"] = [{"url": base_url}]
# CSV and PEM are text: read them as such (openapi-core knows only text/plain and text/html).
openapi = OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers={"text/csv": plain_loads, "application/x-pem-file": plain_loads}))
samples = json.load(open(samples_file))
problems = []
session = requests.Session()

operations = []  # (method, template, tags, needs credentials)
for template, item in spec["paths"].items():
    for method, operation in item.items():
        if method in ("get", "post", "patch", "put", "delete"):
            public = operation.get("security", spec.get("security")) == []
            # The agent protocol authenticates by client certificate, not by token.
            needs_credentials = not public or template in ("/agent/v1/checkin", "/agent/v1/renew", "/agent/v1/report")
            operations.append((method.upper(), template, operation.get("tags", []), needs_credentials))


def operation_of(method, path):
    for candidate, template, tags, _ in operations:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if candidate == method and re.match(pattern, path.split("?")[0]):
            return template, tags
    return None, []


def check(method, path, body, headers, cert=None):
    response = session.request(method, base_url + path, json=body, headers=headers, cert=cert, verify=ca_file, timeout=30)
    try:
        openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
    except Exception as error:  # openapi-core raises one class per kind of mismatch
        problems.append(f"{method} {path} -> {response.status_code}: {type(error).__name__}: {error} {getattr(error, '__cause__', '') or ''}"[:600])
    return response


covered = set()
for sample in samples:
    method, path, body = sample["method"], sample["path"], sample.get("body")
    template, tags = operation_of(method, path)
    if template is None:
        problems.append(f"{method} {path}: no operation in the document")
        continue
    if sample.get("agent"):
        response = check(method, path, body, {}, cert=agent_certificate)
    else:
        response = check(method, path, body, {"Authorization": f"Bearer {sample.get('token', token)}"})
    if 200 <= response.status_code < 300:
        covered.update(tags)
        try:
            openapi.validate_request(RequestsOpenAPIRequest(response.request))
        except Exception as error:
            problems.append(f"{method} {path}: request does not match the document: {type(error).__name__}: {error}"[:600])
    else:
        problems.append(f"{method} {path}: sample answered {response.status_code}: {response.text[:200]}")

every_tag = {tag["name"] for tag in spec.get("tags", [])}
for tag in sorted(every_tag - covered):
    problems.append(f"tag {tag}: no sample answered 2xx")

unauthenticated = 0
for method, template, _, needs_credentials in operations:
    if not needs_credentials:
        continue
    path = template.replace("{code}", "ACME")
    path = re.sub(r"\{[^}]+\}", "1", path)
    response = check(method, path, {} if method in ("POST", "PATCH", "PUT") else None, {})
    unauthenticated += 1
    if response.status_code != 401:
        problems.append(f"{method} {path} without credentials answered {response.status_code}, not 401")

for problem in problems:
    print("PROBLEM " + problem)
print(f"{len(samples)} samples over {len(covered)} of {len(every_tag)} tags, {unauthenticated} operations called without credentials, {len(problems)} problems")
sys.exit(1 if problems else 0)
