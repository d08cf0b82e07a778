#!/usr/bin/env python3
"""Validate Parc protocol payloads against their JSON Schemas (Draft 2020-12).

Usage: validate.py                 check protocol/examples: every valid example passes, every
                                   file under examples/invalid/ fails
       validate.py SCHEMA FILE...  check FILEs against protocol/schemas/SCHEMA.schema.json
Needs the jsonschema package (Debian: python3-jsonschema).
"""
import json
import pathlib
import sys

import jsonschema

HERE = pathlib.Path(__file__).resolve().parent


def validator(name):
    schema = json.loads((HERE / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(v, path):
    return [f"{path}: {e.json_path}: {e.message[:200]}" for e in v.iter_errors(json.loads(pathlib.Path(path).read_text()))]


def main(argv):
    problems = []
    if len(argv) >= 2:
        v = validator(argv[0])
        for path in argv[1:]:
            problems += errors(v, path)
    else:
        checked = 0
        for schema_dir in sorted((HERE / "examples").iterdir()):
            if schema_dir.name == "invalid" or not schema_dir.is_dir():
                continue
            v = validator(schema_dir.name)
            for path in sorted(schema_dir.glob("*.json")):
                problems += errors(v, path)
                checked += 1
            for path in sorted((HERE / "examples" / "invalid" / schema_dir.name).glob("*.json")):
                if not errors(v, path):
                    problems.append(f"{path}: accepted, but it is an invalid example")
                checked += 1
        print(f"{checked} examples checked")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
