#!/usr/bin/env python3
"""PyTorch reference values for contract version 2 of cross-entropy and NLL: inputs of any rank
(unbatched [C], [N][C], [N][C][d1]...[dk]), empty batches, upstream gradients, inputs PyTorch
accepts that the service answers with warnings, and PyTorch's own test configurations for
cross_entropy and nll_loss.

Run with the interpreter that has torch (1.13):

    /usr/bin/python3 scripts/generate_fixtures_rank.py

Writes src/test/resources/fixtures/cross_entropy_v2.json and nll_v2.json. Each case holds the
request body as the service takes it (`request`), the PyTorch float64 results (`expected`: loss,
lossSum, denominator, the per-position losses and the gradient flattened row-major, the gradient's
shape, the warnings' pointers) and where the configuration came from (`source`).

PyTorch's configurations are read from the installed torch.testing._internal modules:
common_nn.criterion_tests (module criterion tests; their inputs come from their own input_fn /
input_size, seeded here) and common_methods_invocations.sample_inputs_cross_entropy /
sample_inputs_nll_loss (OpInfo sample inputs). common_utils imports the expecttest package, which
the Debian package of torch does not install; a stand-in module is put in its place, as nothing
here runs a test.
"""
import itertools
import os
import sys
import types
import unittest

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_fixtures import DTYPE, OUT_DIR, generator, number, plain, rand, randn  # noqa: E402

SCRIPT = "scripts/generate_fixtures_rank.py"
COMMAND = "/usr/bin/python3 scripts/generate_fixtures_rank.py"


def flat(t):
    return [number(v) for v in t.detach().reshape(-1).tolist()]


def first_pointer(field, values, bad):
    """The JSON Pointer of the first element of `values` for which `bad` holds, or None."""
    mask = bad(values).reshape(-1)
    hits = torch.nonzero(mask)
    if len(hits) == 0:
        return None
    index = int(hits[0])
    coordinates = []
    for size in reversed(values.shape):
        coordinates.append(index % size)
        index //= size
    return "/" + "/".join([field] + [str(c) for c in reversed(coordinates)])


def json_tensor(t):
    """A tensor as the request carries it: a bare number for rank 0."""
    if t.dim() == 0:
        return t.item()
    return plain(t)


def loss_case(kind, name, x, target, weight=None, ignore_index=-100, smoothing=0.0,
              reduction="mean", upstream=None, source="generated"):
    """kind: "ce" (cross-entropy; target class indices or probabilities) or "nll"."""
    probabilities = target.is_floating_point()
    field = "logits" if kind == "ce" else "logProbabilities"
    kwargs = dict(weight=weight)
    if not probabilities:
        kwargs["ignore_index"] = ignore_index
    if kind == "ce":
        kwargs["label_smoothing"] = smoothing
    function = F.cross_entropy if kind == "ce" else F.nll_loss
    leaf = x.clone().requires_grad_(True)
    loss = function(leaf, target, reduction=reduction, **kwargs)
    if upstream is None:
        loss.backward(torch.ones_like(loss))
    else:
        loss.backward(upstream)
    with torch.no_grad():
        losses = function(x, target, reduction="none", **kwargs)
        loss_sum = function(x, target, reduction="sum", **kwargs)
        classes = x.shape[0] if x.dim() == 1 else x.shape[1]
        if probabilities:
            denominator = float(x.numel() // classes) if classes else 0.0
        else:
            w = torch.ones(classes, dtype=DTYPE) if weight is None else weight
            t = target.reshape(-1)
            kept = t != ignore_index
            denominator = float(w[t[kept]].sum()) if kept.any() else 0.0
    request = {field: json_tensor(x)}
    request["targetProbabilities" if probabilities else "target"] = (
        json_tensor(target) if probabilities else (target.item() if target.dim() == 0
                                                   else target.tolist()))
    if weight is not None:
        request["weight"] = plain(weight)
    if not probabilities and ignore_index != -100:
        request["ignoreIndex"] = ignore_index
    if kind == "ce" and smoothing != 0.0:
        request["labelSmoothing"] = smoothing
    if reduction != "mean":
        request["reduction"] = reduction
    if upstream is not None:
        request["upstreamGradient"] = json_tensor(upstream)
    warnings = []
    if probabilities:
        pointer = first_pointer("targetProbabilities", target, lambda v: (v < 0) | (v > 1))
        if pointer:
            warnings.append(pointer)
    if weight is not None:
        pointer = first_pointer("weight", weight, lambda v: v < 0)
        if pointer:
            warnings.append(pointer)
    return {
        "name": name,
        "source": source,
        "request": request,
        "expected": {
            "loss": None if reduction == "none" else number(loss),
            "lossSum": number(loss_sum),
            "denominator": denominator,
            "sampleLosses": flat(losses),
            "lossShape": list(losses.shape),
            "gradient": flat(leaf.grad),
            "gradientShape": list(leaf.grad.shape),
            "warnings": warnings,
        },
    }


def index_target(g, shape, classes):
    return torch.randint(0, classes, shape, generator=g)


def generated_cases(kind):
    cases = []
    g = generator(11 if kind == "ce" else 12)
    shapes = [
        ("unbatched [4]", (4,)),
        ("[3][4]", (3, 4)),
        ("[2][3][5] sequence", (2, 3, 5)),
        ("[2][3][2][2] segmentation", (2, 3, 2, 2)),
        ("[1][2][1][3][1][2] rank 6", (1, 2, 1, 3, 1, 2)),
        ("rank 8 of ones", (1, 1, 1, 1, 1, 1, 1, 1)),
        ("rank 8 [2][3][1][2][1][1][2][1]", (2, 3, 1, 2, 1, 1, 2, 1)),
    ]
    for label, shape in shapes:
        classes = shape[0] if len(shape) == 1 else shape[1]
        target_shape = () if len(shape) == 1 else (shape[0], *shape[2:])
        x = randn(g, *shape, scale=2.0)
        if kind == "nll":
            x = F.log_softmax(x, dim=0 if len(shape) == 1 else 1)
        t = index_target(g, target_shape, classes)
        weight = rand(g, classes, low=0.2, high=2.0)
        for reduction in ("mean", "sum", "none"):
            cases.append(loss_case(kind, f"{label}, {reduction}", x, t, reduction=reduction))
        cases.append(loss_case(kind, f"{label}, weights, mean", x, t, weight=weight))
        if t.dim() > 0 and t.numel() > 1:
            ignored = t.clone().reshape(-1)
            ignored[0] = -100
            ignored = ignored.reshape(t.shape)
            cases.append(loss_case(kind, f"{label}, one position ignored, mean", x, ignored,
                                   weight=weight))
        if kind == "ce":
            cases.append(loss_case(kind, f"{label}, smoothing 0.2, weights, mean", x, t,
                                   weight=weight, smoothing=0.2))
            q = torch.softmax(randn(g, *shape), dim=0 if len(shape) == 1 else 1)
            for reduction in ("mean", "none"):
                cases.append(loss_case(kind, f"{label}, probability targets, {reduction}", x, q,
                                       reduction=reduction))
            cases.append(loss_case(kind, f"{label}, probability targets, smoothing 0.1,"
                                   " weights, sum", x, q, weight=weight, smoothing=0.1,
                                   reduction="sum"))
        # Upstream gradients: a number for mean and sum, the losses' shape for none.
        cases.append(loss_case(kind, f"{label}, upstream gradient 0.5, mean", x, t,
                               upstream=torch.tensor(0.5, dtype=DTYPE)))
        cases.append(loss_case(kind, f"{label}, upstream gradient -3, sum", x, t,
                               weight=weight, reduction="sum",
                               upstream=torch.tensor(-3.0, dtype=DTYPE)))
        cases.append(loss_case(kind, f"{label}, upstream gradient per position, none", x, t,
                               weight=weight, reduction="none",
                               upstream=torch.randn(target_shape, generator=g, dtype=DTYPE)))
    # Empty batches: [] with [].
    for reduction in ("mean", "sum", "none"):
        x = torch.zeros(0, 3, dtype=DTYPE)
        cases.append(loss_case(kind, f"empty batch, {reduction}", x,
                               torch.zeros(0, dtype=torch.int64), reduction=reduction))
    if kind == "ce":
        cases.append(loss_case(kind, "empty batch, probability targets, sum",
                               torch.zeros(0, 3, dtype=DTYPE), torch.zeros(0, 3, dtype=DTYPE),
                               reduction="sum"))
    # Legal but suspicious: negative weights, probability targets outside [0, 1].
    x = randn(g, 2, 3, 2, 2)
    if kind == "nll":
        x = F.log_softmax(x, dim=1)
    t = index_target(g, (2, 2, 2), 3)
    negative = torch.tensor([1.0, -0.5, 2.0], dtype=DTYPE)
    for reduction in ("mean", "sum", "none"):
        cases.append(loss_case(kind, f"negative class weight, [2][3][2][2], {reduction}", x, t,
                               weight=negative, reduction=reduction))
    cases.append(loss_case(kind, "negative class weight, [3][4], mean", randn(g, 3, 4)
                           if kind == "ce" else F.log_softmax(randn(g, 3, 4), dim=1),
                           torch.tensor([0, 1, 3]),
                           weight=torch.tensor([0.5, -1.0, 1.0, 2.0], dtype=DTYPE)))
    if kind == "ce":
        q = randn(g, 2, 3, 2, 2)
        for reduction in ("mean", "none"):
            cases.append(loss_case(kind, f"probability targets from randn, [2][3][2][2],"
                                   f" {reduction}", x, q, reduction=reduction))
        cases.append(loss_case(kind, "probability targets above 1 and negative weight, [3][4],"
                               " sum", randn(g, 3, 4), rand(g, 3, 4, low=-0.5, high=1.5),
                               weight=torch.tensor([1.0, -2.0, 0.5, 1.0], dtype=DTYPE),
                               reduction="sum"))
    return cases


class _StandIn(types.ModuleType):
    ACCEPT = False
    TestCase = unittest.TestCase


def pytorch_cases(kind):
    """PyTorch's own configurations for cross_entropy (kind "ce") or nll_loss ("nll")."""
    sys.modules.setdefault("expecttest", _StandIn("expecttest"))
    from torch.testing._internal import common_methods_invocations as cmi
    from torch.testing._internal import common_nn as cn

    module_name = "CrossEntropyLoss" if kind == "ce" else "NLLLoss"
    cases = []
    skipped = []
    torch.manual_seed(2024)
    for test in cn.criterion_tests:
        name = test.get("fullname") or (test.get("module_name", "") + "_" + test.get("desc", ""))
        if not name.startswith(module_name):
            continue
        source = f"torch/testing/_internal/common_nn.py criterion_tests: {name}"
        args = test["constructor_args_fn"]() if "constructor_args_fn" in test else \
            test.get("constructor_args", ())
        constructor = test.get("constructor") or getattr(nn, test["module_name"])
        module = constructor(*args)
        if "input_fn" in test:
            x = test["input_fn"]()
        else:
            x = torch.randn(test["input_size"])
        target = test["target_fn"]() if "target_fn" in test else test["target"]
        x = x.to(DTYPE)
        if target.is_floating_point():
            target = target.to(DTYPE)
        weight = None if module.weight is None else module.weight.to(DTYPE)
        if not torch.isfinite(x).all():
            skipped.append((name, "non-finite input"))
            continue
        smoothing = getattr(module, "label_smoothing", 0.0)
        for reduction in dict.fromkeys([module.reduction, "none", "sum"]):
            cases.append(loss_case(kind, f"{name}, {reduction}", x, target, weight=weight,
                                   ignore_index=module.ignore_index, smoothing=smoothing,
                                   reduction=reduction, source=source))
    samples = (cmi.sample_inputs_cross_entropy if kind == "ce" else cmi.sample_inputs_nll_loss)(
        None, "cpu", DTYPE, False)
    function = "sample_inputs_cross_entropy" if kind == "ce" else "sample_inputs_nll_loss"
    for i, sample in enumerate(samples):
        x = sample.input
        target = sample.args[0]
        kwargs = dict(sample.kwargs)
        source = f"torch/testing/_internal/common_methods_invocations.py {function}, sample {i}"
        name = (f"OpInfo sample {i}: input {tuple(x.shape)}, "
                + ("probability" if target.is_floating_point() else "index")
                + " target, " + ", ".join(f"{k}={'tensor' if torch.is_tensor(v) else v}"
                                          for k, v in sorted(kwargs.items())))
        cases.append(loss_case(kind, name, x, target, weight=kwargs.get("weight"),
                               ignore_index=kwargs.get("ignore_index", -100),
                               reduction=kwargs.get("reduction", "mean"), source=source))
    for name, reason in skipped:
        print(f"skipped {name}: {reason}")
    return cases


def write(file_name, description, cases):
    import json
    import platform
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    header = {
        "generator": SCRIPT,
        "command": COMMAND,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "dtype": "float64",
        "description": description,
        "nan": "null",
    }
    path = os.path.join(OUT_DIR, file_name)
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"provenance": ' + json.dumps(header, allow_nan=False) + ',\n"cases": [\n')
        out.write(",\n".join(json.dumps(case, allow_nan=False) for case in cases))
        out.write("\n]}\n")
    print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def main():
    torch.use_deterministic_algorithms(True)
    write("cross_entropy_v2.json",
          "torch.nn.functional.cross_entropy over any rank, empty batches, upstream gradients,"
          " warning cases, and PyTorch's own test configurations",
          generated_cases("ce") + pytorch_cases("ce"))
    write("nll_v2.json",
          "torch.nn.functional.nll_loss over any rank, empty batches, upstream gradients,"
          " warning cases, and PyTorch's own test configurations",
          generated_cases("nll") + pytorch_cases("nll"))


if __name__ == "__main__":
    main()
