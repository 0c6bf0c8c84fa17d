#!/usr/bin/python3
"""Evaluates explain mode's steps with real NumPy, against a running service.

Sends every OpenAPI example to its endpoint with ?explain=true, binds the request's fields as the
API contract says (tensors as NumPy arrays, None when absent, the scalar defaults filled in), then
evaluates each step's numpy expression in order and compares it with the step's value. The tests
do the same on every fixture case with a Java evaluator of the NumPy subset (ExplainStepsTests);
this is the cross-check with NumPy itself. Run it with /usr/bin/python3 (the one with NumPy).

Usage: scripts/explain_numpy_check.py http://127.0.0.1:8080
Exits 1 if a step is not reproduced to 1e-12 (absolute below 1, relative above).
"""
import glob
import json
import os
import sys
import urllib.request

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PATHS = {"cross-entropy": "/loss/cross-entropy", "nll": "/loss/nll", "bce": "/loss/bce",
         "softmax": "/softmax"}
FIELDS = {
    "/loss/cross-entropy": ["logits", "target", "targetProbabilities", "weight", "ignoreIndex",
                            "labelSmoothing", "reduction"],
    "/loss/nll": ["logProbabilities", "target", "weight", "ignoreIndex", "reduction"],
    "/loss/bce": ["probabilities", "logits", "target", "targetClasses", "weight", "posWeight",
                  "reduction"],
    "/softmax": ["logits", "temperature", "upstreamGradient", "dim"],
}
DEFAULTS = {"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": "mean", "temperature": 1.0,
            "dim": -1}


def main(base):
    worst, count, failed = 0.0, 0, False
    for file in sorted(glob.glob(os.path.join(ROOT, "src/main/resources/openapi/examples/*.json"))):
        name = os.path.basename(file)[:-5]
        path = next(p for prefix, p in PATHS.items() if name.startswith(prefix))
        body = open(file, "rb").read()
        request = urllib.request.Request(base + path + "?explain=true", data=body,
                                         headers={"Content-Type": "application/json"})
        answer = json.load(urllib.request.urlopen(request))
        fields = json.loads(body)
        names = {"np": np}
        for field in FIELDS[path]:
            value = fields.get(field)
            names[field] = (np.array(value) if isinstance(value, list)
                            else value if value is not None else DEFAULTS.get(field))
        with np.errstate(all="ignore"):
            for step in answer["steps"]:
                value = eval(step["numpy"], names)  # the expressions are the service's own
                names[step["name"]] = value
                stated = np.array(step["value"], dtype=float)
                computed = np.asarray(value, dtype=float)
                error = (float(np.max(np.abs(computed - stated) / np.maximum(1, np.abs(stated))))
                         if computed.shape == stated.shape and stated.size else 0.0)
                if computed.shape != stated.shape or error > 1e-12:
                    failed = True
                    print(f"{name}: {step['name']} = {step['numpy']}: shape {computed.shape}"
                          f" vs {stated.shape}, error {error}")
                worst, count = max(worst, error), count + 1
        print(f"{name}: {len(answer['steps'])} steps")
    print(f"NumPy {np.__version__}: {count} steps evaluated, worst error {worst:.3g}"
          f" (absolute below 1, relative above)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
