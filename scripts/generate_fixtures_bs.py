#!/usr/bin/python3
"""Reference values for BCE and softmax on tensors of any rank (API contract version 2).

Writes src/test/resources/fixtures/bce_v2.json and softmax_v2.json, computed by PyTorch in
float64, with the helpers and conventions of scripts/generate_fixtures.py (read its docstring):

    /usr/bin/python3 scripts/generate_fixtures_bs.py

Each case has, beside "name", "inputs", "options" and "expected":
  request   the JSON body to POST, in the API's field names (a 0-d tensor is a bare number)
  shape     the input's shape (JSON nesting cannot carry a shape after a zero-size dimension),
            also as options.shape
  source    where the configuration comes from: "service" for the service's own cases, else the
            PyTorch test it ports (file and test name in PyTorch 1.13's torch/testing/_internal)
  warnings  the JSON pointers the service's warnings name (the first offending element of each
            field), for inputs PyTorch accepts but the contract calls suspicious

Conventions inside "expected" (BCE):
  loss, lossSum, denominator   as in bce.json; loss is null for "none" and for PyTorch's NaN
  elementLosses                reduction='none', the input's shape
  sampleLosses                 one per index of dimension 0 (one for 0-d): that sub-tensor's sum
  gradient                     input.grad after loss.backward(upstream); the upstream is
                               options.upstreamGradient, or 1 (ones for "none") when it is null
  sigmoid                      logits mode: torch.sigmoid(logits)
Softmax:
  probabilities, logProbabilities   F.softmax / F.log_softmax(logits / T, dim)
  logSumExp, predictedClass         torch.logsumexp(logits / T, dim), torch.argmax(logits, dim);
                                    over a zero-size dim -Infinity and null (argmax undefined)
  gradient                          logits.grad after probabilities.backward(upstreamGradient) or
                                    logProbabilities.backward(upstreamLogGradient); null without
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_fixtures as gf  # noqa: E402
from generate_fixtures import DTYPE, generator, number, plain, reduced, tensor  # noqa: E402

gf.SCRIPT = "scripts/generate_fixtures_bs.py"
gf.COMMAND = "/usr/bin/python3 scripts/generate_fixtures_bs.py"

REDUCTIONS = ("mean", "sum", "none")
COMMON_NN = "torch/testing/_internal/common_nn.py"
OPINFO = "torch/testing/_internal/common_methods_invocations.py"
MASKED = "torch/testing/_internal/opinfo/definitions/_masked.py"
# common_methods_invocations.py's sizes.
S, M = 5, 10


def randn(g, *shape, scale=1.0):
    """generate_fixtures.randn, 0-d included (torch.randn(*()) takes no size)."""
    return torch.randn(shape, generator=g, dtype=DTYPE) * scale


def rand(g, *shape, low=0.0, high=1.0):
    """generate_fixtures.rand, 0-d included."""
    return low + (high - low) * torch.rand(shape, generator=g, dtype=DTYPE)


def uniform(g, shape, low, high):
    """make_tensor's float distribution: uniform in [low, high)."""
    return low + (high - low) * torch.rand(shape, generator=g, dtype=DTYPE)


def pointer(field, t, predicate):
    """The JSON pointer of the first element of t (row-major) where predicate holds, or None."""
    flat = t.reshape(-1)
    hits = torch.nonzero(predicate(flat)).reshape(-1)
    if len(hits) == 0:
        return None
    index = int(hits[0])
    coordinates = []
    for size in reversed(t.shape):
        coordinates.append(index % size)
        index //= size
    return "/" + "/".join([field] + [str(c) for c in reversed(coordinates)])


# --------------------------------------------------------------------------------------------
# BCE
# --------------------------------------------------------------------------------------------


def bce_case(name, source, logits, x, y, weight=None, pos_weight=None, reduction="mean",
             upstream=None):
    field = "logits" if logits else "probabilities"
    kwargs = dict(weight=weight)
    if logits:
        kwargs["pos_weight"] = pos_weight
        fn = F.binary_cross_entropy_with_logits
    else:
        assert pos_weight is None
        fn = F.binary_cross_entropy
    xg = x.clone().requires_grad_(True)
    loss = fn(xg, y, reduction=reduction, **kwargs)
    if upstream is None:
        gf.backward(loss)
    else:
        loss.backward(upstream)
    with torch.no_grad():
        losses = fn(x, y, reduction="none", **kwargs)
        loss_sum = fn(x, y, reduction="sum", **kwargs)
        if x.dim() == 0:
            samples = losses.reshape(1)
        else:
            samples = losses.sum(dim=tuple(range(1, x.dim()))) if x.dim() > 1 else losses
    request = {field: plain(x), "target": plain(y), "reduction": reduction}
    if weight is not None:
        request["weight"] = plain(weight)
    if pos_weight is not None:
        request["posWeight"] = plain(pos_weight)
    if upstream is not None:
        request["upstreamGradient"] = plain(upstream)
    warnings = [p for p in (
        pointer("target", y, lambda v: (v < 0) | (v > 1)),
        None if weight is None else pointer("weight", weight, lambda v: v < 0),
        None if pos_weight is None else pointer("posWeight", pos_weight, lambda v: v < 0),
    ) if p is not None]
    expected = {
        "loss": reduced(loss, reduction),
        "lossSum": number(loss_sum),
        "denominator": float(x.numel()),
        "elementLosses": plain(losses),
        "sampleLosses": plain(samples),
        "gradient": plain(xg.grad),
    }
    if logits:
        expected["sigmoid"] = plain(torch.sigmoid(x))
    return {
        "name": name,
        "source": source,
        "shape": list(x.shape),
        "inputs": {field: plain(x), "target": plain(y)},
        "options": {
            "shape": list(x.shape),
            "weight": plain(weight),
            "weightShape": None if weight is None else list(weight.shape),
            "posWeight": plain(pos_weight),
            "posWeightShape": None if pos_weight is None else list(pos_weight.shape),
            "reduction": reduction,
            "upstreamGradient": plain(upstream),
        },
        "request": request,
        "warnings": warnings,
        "expected": expected,
    }


def bce_both(cases, name, source, shape_x, y, g, **kwargs):
    """The same configuration on probabilities (of sigmoid(logits)) and on logits."""
    logits = shape_x
    cases.append(bce_case(f"{name}, logits", source, True, logits, y, **kwargs))
    kwargs = dict(kwargs)
    kwargs.pop("pos_weight", None)
    cases.append(bce_case(f"{name}, probabilities", source, False, torch.sigmoid(logits), y,
                          **kwargs))


def bce_service_cases():
    cases = []
    g = generator(1111)
    source = "service"
    # Every rank from 0 to 8, each reduction, both modes.
    for shape in ((), (1,), (5,), (4, 3), (2, 3, 2, 2), (2, 3, 4), (2, 1, 3, 1, 2),
                  (1, 1, 1, 1, 1, 1, 1, 1), (2, 1, 1, 1, 1, 1, 1, 3)):
        x = randn(g, *shape, scale=2.0)
        y = rand(g, *shape)
        for reduction in REDUCTIONS:
            bce_both(cases, f"shape {list(shape)}, {reduction}", source, x, y, g,
                     reduction=reduction)

    # weight broadcast to the input, by NumPy's rules.
    x43 = randn(g, 4, 3, scale=2.0)
    y43 = rand(g, 4, 3)
    for label, weight in (("0-d weight", rand(g, low=0.5, high=2.0)),
                          ("weight [1]", rand(g, 1, low=0.5, high=2.0)),
                          ("weight [C]", rand(g, 3, low=0.5, high=2.0)),
                          ("weight [N][1]", rand(g, 4, 1, low=0.5, high=2.0)),
                          ("weight [1][C]", rand(g, 1, 3, low=0.5, high=2.0)),
                          ("weight [1][1]", rand(g, 1, 1, low=0.5, high=2.0)),
                          ("weight full shape", rand(g, 4, 3, low=0.5, high=2.0))):
        for reduction in REDUCTIONS:
            bce_both(cases, f"[4][3], {label}, {reduction}", source, x43, y43, g, weight=weight,
                     reduction=reduction)
    for label, pos in (("0-d posWeight", rand(g, low=0.5, high=3.0)),
                       ("posWeight [1]", rand(g, 1, low=0.5, high=3.0)),
                       ("posWeight [N][1]", rand(g, 4, 1, low=0.5, high=3.0)),
                       ("posWeight [1][C]", rand(g, 1, 3, low=0.5, high=3.0)),
                       ("posWeight full shape", rand(g, 4, 3, low=0.5, high=3.0))):
        for reduction in REDUCTIONS:
            cases.append(bce_case(f"[4][3], {label}, {reduction}, logits", source, True, x43,
                                  y43, pos_weight=pos, reduction=reduction))
    # The segmentation-shaped batch of the OpenAPI example, N x C x H x W.
    x4 = randn(g, 2, 3, 2, 2, scale=2.0)
    y4 = (rand(g, 2, 3, 2, 2) > 0.5).to(DTYPE)
    for label, weight, pos in (("channel weight [C][1][1]", rand(g, 3, 1, 1, low=0.5, high=2.0),
                                None),
                               ("weight [W] and posWeight [W]", rand(g, 2, low=0.5, high=2.0),
                                rand(g, 2, low=0.5, high=3.0)),
                               ("weight [N][1][1][1] and posWeight [C][1][1]",
                                rand(g, 2, 1, 1, 1, low=0.5, high=2.0),
                                rand(g, 3, 1, 1, low=0.5, high=3.0)),
                               ("weight [H][W]", rand(g, 2, 2, low=0.5, high=2.0), None)):
        for reduction in REDUCTIONS:
            cases.append(bce_case(f"[2][3][2][2], {label}, {reduction}, logits", source, True,
                                  x4, y4, weight=weight, pos_weight=pos, reduction=reduction))
        cases.append(bce_case(f"[2][3][2][2], {label}, mean, probabilities", source, False,
                              torch.sigmoid(x4), y4, weight=weight))

    # Suspicious but legal: targets outside [0, 1], negative weight and posWeight (warnings).
    y_out = randn(g, 4, 3, scale=2.0)
    negative_weight = randn(g, 3)
    negative_weight[1] = -0.75
    negative_pos = randn(g, 4, 1)
    negative_pos[2, 0] = -1.5
    for reduction in REDUCTIONS:
        bce_both(cases, f"targets outside [0, 1], {reduction}", source, x43, y_out, g,
                 reduction=reduction)
        bce_both(cases, f"negative weight [C], {reduction}", source, x43, y43, g,
                 weight=negative_weight, reduction=reduction)
        cases.append(bce_case(f"negative posWeight [N][1], {reduction}, logits", source, True,
                              x43, y43, pos_weight=negative_pos, reduction=reduction))
    cases.append(bce_case("targets outside [0, 1], probabilities at 0 and 1, sum", source,
                          False, tensor([[0.0, 1.0, 0.5], [1.0, 0.0, 0.25]]),
                          tensor([[1.5, -0.5, 2.0], [-1.0, 3.0, 0.5]]), reduction="sum"))

    # Empty tensors (what JSON can carry: zero sizes at the end only).
    for shape in ((0,), (2, 0), (2, 3, 0)):
        for reduction in REDUCTIONS:
            x = torch.zeros(shape, dtype=DTYPE)
            weight = rand(g, 1, low=0.5, high=2.0)
            bce_both(cases, f"empty {list(shape)}, weight [1], {reduction}", source, x, x, g,
                     weight=weight, reduction=reduction)

    # Upstream gradients: a tensor shaped like the element losses for none, a number otherwise.
    for shape in ((), (4, 3), (2, 3, 2, 2)):
        x = randn(g, *shape, scale=2.0)
        y = rand(g, *shape)
        weight = rand(g, *shape[-1:], low=0.5, high=2.0) if shape else None
        bce_both(cases, f"upstream gradient tensor {list(shape)}, none", source, x, y, g,
                 weight=weight, reduction="none", upstream=randn(g, *shape))
        for reduction, u in (("mean", 2.5), ("sum", -0.5)):
            bce_both(cases, f"upstream gradient {u} {list(shape)}, {reduction}", source, x, y, g,
                     weight=weight, reduction=reduction, upstream=tensor(u))
    return cases


def bce_pytorch_cases():
    """PyTorch's own test configurations, with inputs drawn as those tests draw them."""
    cases = []
    g = generator(2222)
    prob = lambda *shape: uniform(g, shape, 0.0, 1.0)  # noqa: E731 make_prob (low=0, high=1)
    make = lambda *shape, low=-9.0: uniform(g, shape, low, 9.0)  # noqa: E731 make_tensor float
    binary = lambda *shape: (torch.randn(shape, generator=g, dtype=DTYPE) > 0).to(DTYPE)  # noqa
    clamped = lambda low, *shape: prob(*shape).clamp_(low, 1 - low)  # noqa: E731

    # OpInfo nn.functional.binary_cross_entropy: sample_inputs_binary_cross_entropy.
    src = f"{OPINFO}: sample_inputs_binary_cross_entropy"
    for shape in ((), (1,), (S,), (S, S), (S, S, S)):
        cases.append(bce_case(f"OpInfo binary_cross_entropy {list(shape)}", src, False,
                              prob(*shape), prob(*shape)))
    for reduction in REDUCTIONS:
        cases.append(bce_case(f"OpInfo binary_cross_entropy [S][S], {reduction}", src, False,
                              prob(S, S), prob(S, S), reduction=reduction))
    for reduction in REDUCTIONS:
        # make((S, S)) draws weights in [-9, 9): negative ones included.
        cases.append(bce_case(f"OpInfo binary_cross_entropy [S][S], weight [S][S], {reduction}",
                              src, False, prob(S, S), prob(S, S), weight=make(S, S),
                              reduction=reduction))
    # OpInfo nn.functional.binary_cross_entropy_with_logits.
    src = f"{OPINFO}: sample_inputs_binary_cross_entropy_with_logits"
    for shape in ((), (1,), (S,), (S, S), (S, S, S)):
        cases.append(bce_case(f"OpInfo bce_with_logits {list(shape)}", src, True, make(*shape),
                              prob(*shape)))
    for reduction in REDUCTIONS:
        cases.append(bce_case(f"OpInfo bce_with_logits [S][S], {reduction}", src, True,
                              make(S, S), prob(S, S), reduction=reduction))
    for wshape in ((1,), (1, S), (S,), (S, S)):
        for reduction in REDUCTIONS:
            cases.append(bce_case(f"OpInfo bce_with_logits [S][S], weight {list(wshape)}, "
                                  f"{reduction}", src, True, make(S, S), prob(S, S),
                                  weight=make(*wshape), reduction=reduction))
    for reduction in REDUCTIONS:
        cases.append(bce_case(f"OpInfo bce_with_logits [S][S], pos_weight [S], {reduction}", src,
                              True, make(S, S), prob(S, S), pos_weight=make(S, low=0.0),
                              reduction=reduction))
        cases.append(bce_case(f"OpInfo bce_with_logits [S][S], weight [S][S], pos_weight [S], "
                              f"{reduction}", src, True, make(S, S), prob(S, S),
                              weight=make(S, S), pos_weight=make(S, low=0.0),
                              reduction=reduction))

    # common_nn.py criterion tests (mean and sum, as check_sum_reduction runs them) and the
    # functional no-reduce tests.
    for reduction in ("mean", "sum"):
        cases.append(bce_case(f"criterion BCELoss, {reduction}", f"{COMMON_NN}: criterion_tests "
                              "BCELoss", False, clamped(1e-2, 15, 10), binary(15, 10),
                              reduction=reduction))
        cases.append(bce_case(f"criterion BCELoss weights, {reduction}",
                              f"{COMMON_NN}: criterion_tests BCELoss desc=weights", False,
                              clamped(1e-2, 15, 10), binary(15, 10), weight=prob(10),
                              reduction=reduction))
        cases.append(bce_case(f"criterion BCELoss scalar_weights, {reduction}",
                              f"{COMMON_NN}: criterion_tests BCELoss desc=scalar_weights", False,
                              clamped(1e-2), binary(), weight=prob(), reduction=reduction))
        # BCEWithLogitsLoss's tests feed clamped rand() as logits, as written there.
        cases.append(bce_case(f"criterion BCEWithLogitsLoss, {reduction}",
                              f"{COMMON_NN}: criterion_tests BCEWithLogitsLoss", True,
                              clamped(1e-2, 15, 10), binary(15, 10), reduction=reduction))
        cases.append(bce_case(f"criterion BCEWithLogitsLoss weights, {reduction}",
                              f"{COMMON_NN}: criterion_tests BCEWithLogitsLoss desc=weights",
                              True, clamped(1e-2, 15, 10), binary(15, 10), weight=prob(10),
                              reduction=reduction))
        cases.append(bce_case(f"criterion BCEWithLogitsLoss scalar_weights, {reduction}",
                              f"{COMMON_NN}: criterion_tests BCEWithLogitsLoss "
                              "desc=scalar_weights", True, clamped(1e-2), binary(),
                              weight=prob(), reduction=reduction))
    cases.append(bce_case("BCELoss_no_reduce", f"{COMMON_NN}: bceloss_no_reduce_test", False,
                          clamped(2.8e-2, 15, 10), binary(15, 10), reduction="none"))
    cases.append(bce_case("BCELoss_no_reduce_scalar", f"{COMMON_NN}: bceloss_no_reduce_scalar_test",
                          False, clamped(2.8e-2), binary(), reduction="none"))
    cases.append(bce_case("BCELoss_weights_no_reduce",
                          f"{COMMON_NN}: bceloss_weights_no_reduce_test", False,
                          clamped(2.8e-2, 15, 10), binary(15, 10), weight=prob(10),
                          reduction="none"))
    # Its target is randn(()), not thresholded: a target outside [0, 1] is likely.
    cases.append(bce_case("BCELoss_weights_no_reduce_scalar",
                          f"{COMMON_NN}: bceloss_weights_no_reduce_scalar_test", False,
                          clamped(2.8e-2), tensor(-1.2345), weight=prob(), reduction="none"))
    for name, fn in (("BCEWithLogitsLoss_legacy_enum", "bce_with_logistic_legacy_enum_test"),
                     ("BCEWithLogitsLoss_no_reduce", "bce_with_logistic_no_reduce_test")):
        cases.append(bce_case(name, f"{COMMON_NN}: {fn}", True, clamped(2.8e-2, 15, 10),
                              binary(15, 10), reduction="none"))
    cases.append(bce_case("BCEWithLogitsLoss_no_reduce_scalar",
                          f"{COMMON_NN}: bce_with_logistic_no_reduce_scalar_test", True,
                          clamped(2.8e-2), binary(), reduction="none"))
    # classification_criterion_no_batch: unbatched input of 9 with randn targets.
    src = f"{COMMON_NN}: classification_criterion_no_batch"
    for reduction in REDUCTIONS:
        cases.append(bce_case(f"no batch BCELoss, {reduction}", src, False,
                              torch.sigmoid(torch.randn(9, generator=g, dtype=DTYPE)),
                              torch.randn(9, generator=g, dtype=DTYPE), reduction=reduction))
        cases.append(bce_case(f"no batch BCEWithLogitsLoss, {reduction}", src, True,
                              torch.randn(9, generator=g, dtype=DTYPE),
                              torch.randn(9, generator=g, dtype=DTYPE), reduction=reduction))
    return cases


# --------------------------------------------------------------------------------------------
# Softmax
# --------------------------------------------------------------------------------------------


def softmax_case(name, source, logits, dim=None, temperature=1.0, upstream=None,
                 log_upstream=None):
    d = -1 if dim is None else dim
    x = logits.clone().requires_grad_(True)
    tempered_x = x / temperature
    probabilities = F.softmax(tempered_x, dim=d)
    log_probabilities = F.log_softmax(tempered_x, dim=d)
    gradient = None
    if upstream is not None:
        probabilities.backward(upstream)
        gradient = x.grad
    elif log_upstream is not None:
        log_probabilities.backward(log_upstream)
        gradient = x.grad
    with torch.no_grad():
        tempered = logits / temperature
        lse = torch.logsumexp(tempered, dim=d)
        axis = d % max(logits.dim(), 1)
        if logits.dim() > 0 and logits.shape[axis] == 0:
            # torch.argmax raises over an empty dimension: the contract answers null.
            predicted = plain(torch.full(lse.shape, float("nan"), dtype=DTYPE))
        else:
            predicted = torch.argmax(logits, dim=d).tolist()
    request = {"logits": plain(logits)}
    if dim is not None:
        request["dim"] = dim
    if temperature != 1.0:
        request["temperature"] = temperature
    if upstream is not None:
        request["upstreamGradient"] = plain(upstream)
    if log_upstream is not None:
        request["upstreamLogGradient"] = plain(log_upstream)
    return {
        "name": name,
        "source": source,
        "shape": list(logits.shape),
        "inputs": {"logits": plain(logits)},
        "options": {"shape": list(logits.shape), "dim": d, "temperature": temperature, "upstreamGradient": plain(upstream),
                    "upstreamLogGradient": plain(log_upstream)},
        "request": request,
        "warnings": [],
        "expected": {
            "probabilities": plain(probabilities.detach()),
            "logProbabilities": plain(log_probabilities.detach()),
            "logSumExp": plain(lse),
            "predictedClass": predicted,
            "gradient": plain(gradient),
        },
    }


def softmax_service_cases():
    cases = []
    g = generator(3333)
    source = "service"
    scalar = randn(g, scale=2.0)
    for dim in (None, 0, -1):
        cases.append(softmax_case(f"0-d, dim {dim}", source, scalar, dim,
                                  upstream=randn(g)))
    for shape, dims in (((5,), (None, 0, -1)),
                        ((4, 3), (None, 0, 1, -2)),
                        ((2, 3, 2, 2), (None, 0, 1, 2, 3, -3)),
                        ((2, 3, 4), (0, 1, -1)),
                        ((1, 1, 1, 1, 1, 1, 1, 1), (None, 0, 3)),
                        ((2, 1, 1, 1, 1, 1, 1, 3), (None, 0, -8, 5))):
        x = randn(g, *shape, scale=3.0)
        for dim in dims:
            cases.append(softmax_case(f"{list(shape)}, dim {dim}, upstreamGradient", source, x,
                                      dim, upstream=randn(g, *shape)))
            cases.append(softmax_case(f"{list(shape)}, dim {dim}, upstreamLogGradient", source, x,
                                      dim, log_upstream=randn(g, *shape)))
        cases.append(softmax_case(f"{list(shape)}, no upstream", source, x))
    # Ties along a non-last dim: argmax is the first maximum.
    ties = tensor([[[1.0, 5.0], [7.0, 5.0]], [[7.0, -2.0], [7.0, 5.0]], [[0.0, 5.0], [3.0, 5.0]]])
    cases.append(softmax_case("ties along dim 0", source, ties, 0))
    x = randn(g, 2, 3, 4, scale=3.0)
    for temperature in (0.5, 4.0):
        cases.append(softmax_case(f"[2][3][4], dim 1, temperature {temperature}, "
                                  "upstreamGradient", source, x, 1, temperature,
                                  upstream=randn(g, 2, 3, 4)))
        cases.append(softmax_case(f"[2][3][4], dim 0, temperature {temperature}, "
                                  "upstreamLogGradient", source, x, 0, temperature,
                                  log_upstream=randn(g, 2, 3, 4)))
    extreme = tensor([[1000.0, -1000.0], [5e4, -5e4], [-5e4, 49999.0]])
    cases.append(softmax_case("extreme logits, dim 0", source, extreme, 0,
                              upstream=randn(g, 3, 2)))
    # Zero-size tensors that JSON can carry.
    for shape, dims in (((0,), (None, 0)), ((2, 0), (None, 0, 1)), ((2, 3, 0), (0, 1, -1))):
        x = torch.zeros(shape, dtype=DTYPE)
        for dim in dims:
            cases.append(softmax_case(f"empty {list(shape)}, dim {dim}", source, x, dim,
                                      upstream=torch.zeros(shape, dtype=DTYPE)))
            cases.append(softmax_case(f"empty {list(shape)}, dim {dim}, upstreamLogGradient",
                                      source, x, dim, log_upstream=torch.zeros(shape, dtype=DTYPE)))
    return cases


def softmax_pytorch_cases():
    cases = []
    g = generator(4444)
    make = lambda *shape: uniform(g, shape, -9.0, 9.0)  # noqa: E731 make_tensor float64
    normal = lambda *shape: torch.randn(shape, generator=g, dtype=DTYPE)  # noqa: E731
    # OpInfo softmax and log_softmax: sample_inputs_softmax_variant.
    for shape, dim in (((S,), 0), ((S, S), 0), ((S, S), 1), ((S, S), -1), ((S, M, S), 2),
                       ((), 0)):
        x = make(*shape)
        cases.append(softmax_case(f"OpInfo softmax {list(shape)}, dim {dim}",
                                  f"{MASKED}: sample_inputs_softmax_variant (OpInfo softmax)",
                                  x, dim, upstream=make(*shape)))
        cases.append(softmax_case(f"OpInfo log_softmax {list(shape)}, dim {dim}",
                                  f"{MASKED}: sample_inputs_softmax_variant (OpInfo log_softmax)",
                                  x, dim, log_upstream=make(*shape)))
    # common_nn.py module tests (their backward runs with a random grad_output).
    for name, shape, dim, log in (("Softmax", (10, 20), 1, False),
                                  ("Softmax2d", (1, 3, 10, 20), -3, False),
                                  ("LogSoftmax", (10, 20), 1, True),
                                  ("LogSoftmax multiparam", (1, 3, 10, 20), 1, True),
                                  ("Softmax2d no_batch_dim", (3, 4, 5), -3, False),
                                  ("Softmax no_batch_dim", (4, 5), -1, False),
                                  ("LogSoftmax no_batch_dim", (4, 5), -1, True),
                                  ("Softmax scalar", (), 0, False),
                                  ("LogSoftmax multiparam_scalar", (), 0, True)):
        x = normal(*shape)
        upstream = normal(*shape)
        source = f"{COMMON_NN}: module_tests/new_module_tests {name}"
        if log:
            cases.append(softmax_case(f"module {name}", source, x, dim, log_upstream=upstream))
        else:
            cases.append(softmax_case(f"module {name}", source, x, dim, upstream=upstream))
    return cases


def main():
    torch.use_deterministic_algorithms(True)
    gf.write("bce_v2.json", "BCE on tensors of any rank (contract version 2): "
             "torch.nn.functional.binary_cross_entropy and binary_cross_entropy_with_logits",
             bce_service_cases() + bce_pytorch_cases())
    gf.write("softmax_v2.json", "softmax along any dim (contract version 2): "
             "torch.nn.functional.softmax(logits / T, dim), log_softmax, logsumexp, argmax, "
             "and the backward of both", softmax_service_cases() + softmax_pytorch_cases())


if __name__ == "__main__":
    main()
