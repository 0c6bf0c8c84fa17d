#!/usr/bin/env python3
"""Sends the same requests to two running services and compares the answers.

Used to show that a refactoring of the request layer changed no answer: every 200 must be byte for
byte the same, and every error must keep its status, problem type and set of errors[].pointer
(detail texts may differ). The requests are every fixture case of src/test/resources/fixtures (as
a body, with and without ?samples=false / ?gradient=false, and with both), every OpenAPI example, and every input
of the committed fuzz corpus, replayed as EndpointFuzzTests replays it (Jazzer's
FuzzedDataProvider takes the query from the last byte, the body is the rest).

Usage: compare_responses.py BASE_URL NEW_URL
Prints one line per kind of request and the differences; exits 1 if any.
"""
import glob
import json
import os
import sys
import urllib.error
import urllib.request

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ENDPOINTS = {
    "cross_entropy": "/loss/cross-entropy",
    "nll": "/loss/nll",
    "bce": "/loss/bce",
    "softmax": "/softmax",
}
FUZZ_DIRS = {"crossEntropy": "/loss/cross-entropy", "nll": "/loss/nll", "bce": "/loss/bce",
             "softmax": "/softmax"}
# The order of EndpointFuzzTests.QUERIES.
# The last one takes cross-entropy's loss-alone path (CrossEntropy.lossOfLogits).
FIXTURE_QUERIES = ("", "?samples=false", "?gradient=false", "?samples=false&gradient=false")
FUZZ_QUERIES = ["", "?samples=false", "?gradient=false", "?samples=false&gradient=false",
                "?samples=maybe"]


def post(base, path, body):
    request = urllib.request.Request(base + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def fixture_requests():
    for name, path in ENDPOINTS.items():
        with open(os.path.join(ROOT, "src/test/resources/fixtures", name + ".json")) as f:
            cases = json.load(f)["cases"]
        for case in cases:
            body = {k: v for k, v in case["inputs"].items() if v is not None}
            for k, v in case["options"].items():
                if v is not None and not (k == "ignoreIndex" and "targetProbabilities" in body):
                    body[k] = v
            data = json.dumps(body).encode()
            for query in FIXTURE_QUERIES:
                yield "fixture", path + query, data


def example_requests():
    examples = sorted(glob.glob(os.path.join(ROOT, "src/main/resources/openapi/examples/*.json")))
    for file in examples:
        name = os.path.basename(file)
        path = next(p for prefix, p in (("cross-entropy", "/loss/cross-entropy"),
                                          ("nll", "/loss/nll"), ("bce", "/loss/bce"),
                                          ("softmax", "/softmax")) if name.startswith(prefix))
        with open(file, "rb") as f:
            yield "example", path, f.read()


def fuzz_requests():
    base = os.path.join(ROOT, "src/test/resources/dev/lossservice/fuzz/EndpointFuzzTestsInputs")
    for method, path in FUZZ_DIRS.items():
        for file in sorted(glob.glob(os.path.join(base, method, "*"))):
            with open(file, "rb") as f:
                data = f.read()
            # FuzzedDataProvider.pickValue over 5 values: one byte from the end, modulo 5.
            if data:
                query, body = FUZZ_QUERIES[data[-1] % 5], data[:-1]
            else:
                query, body = FUZZ_QUERIES[0], b""
            yield "fuzz", path + query, body


def problem_key(status, content_type, body):
    try:
        problem = json.loads(body)
    except ValueError:
        return (status, content_type, "not JSON")
    pointers = sorted(e.get("pointer") for e in problem.get("errors", []))
    return (status, content_type.split(";")[0], problem.get("type"), tuple(pointers))


def main():
    base_url, new_url = sys.argv[1], sys.argv[2]
    counts = {}
    differences = []
    for kind, path, body in [*fixture_requests(), *example_requests(), *fuzz_requests()]:
        old = post(base_url, path, body)
        new = post(new_url, path, body)
        count = counts.setdefault(kind, {"requests": 0, "200": 0, "errors": 0, "differ": 0})
        count["requests"] += 1
        count["200" if old[0] == 200 else "errors"] += 1
        if old[0] == 200 or new[0] == 200:
            same = old == new
        else:
            same = problem_key(*old) == problem_key(*new)
        if not same:
            count["differ"] += 1
            differences.append((kind, path, body[:200], old, new))
    for kind, count in counts.items():
        print(f"{kind}: {count['requests']} requests, {count['200']} answered 200 (compared byte"
              f" for byte), {count['errors']} errors (status, type, pointers), "
              f"{count['differ']} differ")
    for kind, path, body, old, new in differences[:20]:
        print(f"DIFFERS {kind} {path} {body!r}")
        print(f"  base: {old[0]} {old[2][:300]!r}")
        print(f"  new:  {new[0]} {new[2][:300]!r}")
    print(f"compare-responses: {sum(c['requests'] for c in counts.values())} requests,"
          f" {len(differences)} differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
