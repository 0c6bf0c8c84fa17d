#!/usr/bin/python3
"""Reference values for the loss core, computed by PyTorch in float64.

Writes JSON fixtures under src/test/resources/fixtures/ that the JUnit tests in
src/test/java/dev/lossservice/core/ compare against. CI has no PyTorch, so the output is
committed; rerun this script (same command as in each file's "provenance") to regenerate it.

    /usr/bin/python3 scripts/generate_fixtures.py

Every random input comes from a torch.Generator with a fixed seed, so a rerun with the same
PyTorch version writes the same files. Floats are written with repr() (shortest round-trip), so
each double in the file parses back to exactly the double PyTorch produced. A NaN is written as
null, an infinity as the string "Infinity" or "-Infinity" (JSON has neither).

Each file is {"provenance": {...}, "cases": [...]}; each case has "name", "inputs", "options"
and "expected". Conventions inside "expected":
  loss         the reduced loss for the case's reduction; null for "none" and for PyTorch's NaN
  lossSum      the same call with reduction='sum'
  denominator  what reduction='mean' divides by (PyTorch's total_weight for class-index targets,
               from aten.nll_loss_forward; N for probability targets; the element count for BCE)
  sampleLosses reduction='none' (for BCE: each row's sum of the element losses)
  gradient     input.grad after loss.backward(); for "none", after losses.backward(ones_like)
"""

import json
import math
import os
import platform
import sys

import torch
import torch.nn.functional as F

DTYPE = torch.float64
SCRIPT = "scripts/generate_fixtures.py"
COMMAND = "/usr/bin/python3 scripts/generate_fixtures.py"
OUT_DIR = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fixtures"))
REDUCTIONS = ("mean", "sum", "none")
# aten's Reduction enum, for aten.nll_loss_forward (which also returns total_weight).
REDUCTION_ENUM = {"none": 0, "mean": 1, "sum": 2}

# The example of the API contract and the seed issue: PyTorch gives exactly this mean loss.
SEED_LOGITS = [
    [-1.0606, 1.5613, 1.2007, -0.2481],
    [-1.9652, -0.4367, -0.0645, -0.5104],
    [0.1011, -0.5904, 0.0243, 0.1002],
]
SEED_TARGET = [0, 2, 1]
SEED_LOSS = 2.0373472850337726


def generator(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def randn(g, *shape, scale=1.0):
    return torch.randn(*shape, generator=g, dtype=DTYPE) * scale


def rand(g, *shape, low=0.0, high=1.0):
    return low + (high - low) * torch.rand(*shape, generator=g, dtype=DTYPE)


def tensor(values):
    return torch.tensor(values, dtype=DTYPE)


def number(x):
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def plain(value):
    """Tensors and numbers as JSON-ready nested lists (NaN -> None, inf -> string)."""
    if value is None:
        return None
    if isinstance(value, torch.Tensor):
        if value.dtype == torch.bool:
            return value.tolist()
        if value.dtype in (torch.int64, torch.int32):
            return value.tolist()
        return plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, float):
        return number(value)
    return value


def backward(loss):
    if loss.dim() == 0:
        loss.backward()
    else:
        loss.backward(torch.ones_like(loss))


def reduced(loss, reduction):
    return None if reduction == "none" else number(loss)


# --------------------------------------------------------------------------------------------
# Cross-entropy
# --------------------------------------------------------------------------------------------


def ce_index_case(name, logits, target, weight=None, ignore_index=-100, smoothing=0.0,
                  reduction="mean"):
    target = torch.tensor(target, dtype=torch.int64)
    kwargs = dict(weight=weight, ignore_index=ignore_index, label_smoothing=smoothing)
    x = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(x, target, reduction=reduction, **kwargs)
    backward(loss)
    with torch.no_grad():
        losses = F.cross_entropy(logits, target, reduction="none", **kwargs)
        loss_sum = F.cross_entropy(logits, target, reduction="sum", **kwargs)
        log_probabilities = F.log_softmax(logits, dim=1)
        _, total_weight = torch.ops.aten.nll_loss_forward(
            log_probabilities, target, weight, REDUCTION_ENUM["mean"], ignore_index
        )
        ignored = target == ignore_index
        safe = torch.where(ignored, torch.zeros_like(target), target)
        w = torch.ones(logits.shape[1], dtype=DTYPE) if weight is None else weight
        sample_weights = torch.where(ignored, torch.zeros(len(target), dtype=DTYPE), w[safe])
    return {
        "name": name,
        "inputs": {"logits": plain(logits), "target": target.tolist()},
        "options": {
            "weight": plain(weight),
            "ignoreIndex": ignore_index,
            "labelSmoothing": smoothing,
            "reduction": reduction,
        },
        "expected": {
            "loss": reduced(loss, reduction),
            "lossSum": number(loss_sum),
            "denominator": number(total_weight),
            "sampleLosses": plain(losses),
            "sampleWeights": plain(sample_weights),
            "ignored": ignored.tolist(),
            "probabilities": plain(F.softmax(logits, dim=1)),
            "predictedClass": torch.argmax(logits, dim=1).tolist(),
            "gradient": plain(x.grad),
        },
    }


def ce_probability_case(name, logits, target, weight=None, smoothing=0.0, reduction="mean"):
    kwargs = dict(weight=weight, label_smoothing=smoothing)
    x = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(x, target, reduction=reduction, **kwargs)
    backward(loss)
    with torch.no_grad():
        losses = F.cross_entropy(logits, target, reduction="none", **kwargs)
        loss_sum = F.cross_entropy(logits, target, reduction="sum", **kwargs)
    return {
        "name": name,
        "inputs": {"logits": plain(logits), "targetProbabilities": plain(target)},
        "options": {"weight": plain(weight), "labelSmoothing": smoothing, "reduction": reduction},
        "expected": {
            "loss": reduced(loss, reduction),
            "lossSum": number(loss_sum),
            # PyTorch's mean over probability targets divides by input.numel() / n_classes = N.
            "denominator": float(logits.numel() // logits.shape[1]),
            "sampleLosses": plain(losses),
            "probabilities": plain(F.softmax(logits, dim=1)),
            "predictedClass": torch.argmax(logits, dim=1).tolist(),
            "gradient": plain(x.grad),
        },
    }


# Class-index targets for 6 samples of 5 classes, shared by cross-entropy and NLL:
# (label, ignoreIndex, targets).
IGNORE_VARIANTS = [
    ("default ignoreIndex, none ignored", -100, [0, 3, 1, 4, 2, 1]),
    ("default ignoreIndex, two ignored", -100, [0, -100, 1, 4, -100, 2]),
    ("ignoreIndex 1 inside [0, C)", 1, [0, 1, 3, 1, 4, 2]),
    ("ignoreIndex 255 outside [0, C)", 255, [255, 3, 0, 255, 2, 4]),
]


def smoothing_name(s):
    return {0.0: "no smoothing", 0.1: "smoothing 0.1", 1.0: "smoothing 1.0"}[s]


def cross_entropy_cases():
    cases = []
    g = generator(20261126)
    n, c = 6, 5
    class_weight = rand(g, c, low=0.2, high=2.0)
    for label, ignore_index, target in IGNORE_VARIANTS:
        logits = randn(g, n, c, scale=2.0)
        for weight_label, weight in (("no weight", None), ("class weights", class_weight)):
            for smoothing in (0.0, 0.1, 1.0):
                for reduction in REDUCTIONS:
                    cases.append(ce_index_case(
                        f"index targets, {label}, {weight_label}, {smoothing_name(smoothing)}, "
                        f"{reduction}",
                        logits, target, weight, ignore_index, smoothing, reduction))

    # Probability targets: normalised rows, and rows that do not sum to 1 (PyTorch allows it).
    normalised = F.softmax(randn(g, n, c, scale=1.5), dim=1)
    unnormalised = rand(g, n, c)
    for target_label, target in (("rows summing to 1", normalised),
                                 ("rows not summing to 1", unnormalised)):
        logits = randn(g, n, c, scale=2.0)
        for weight_label, weight in (("no weight", None), ("class weights", class_weight)):
            for smoothing in (0.0, 0.1, 1.0):
                for reduction in REDUCTIONS:
                    cases.append(ce_probability_case(
                        f"probability targets, {target_label}, {weight_label}, "
                        f"{smoothing_name(smoothing)}, {reduction}",
                        logits, target, weight, smoothing, reduction))

    seed = tensor(SEED_LOGITS)
    for reduction in REDUCTIONS:
        cases.append(ce_index_case(f"seed example, {reduction}", seed, SEED_TARGET,
                                   reduction=reduction))
    assert cases[-3]["expected"]["loss"] == SEED_LOSS, cases[-3]["expected"]["loss"]

    extreme = tensor([
        [1000.0, -1000.0, 0.0, 999.0],
        [-1000.0, -1000.0, -1000.0, -1000.0],
        [5e4, -5e4, 0.0, 5e4],
        [-5e4, 5e4, 49999.0, -5e4],
        [0.0, 0.0, 0.0, 0.0],
    ])
    extreme_target = [1, 2, 0, 0, 3]
    extreme_weight = tensor([0.5, 2.0, 1.0, 1.5])
    for smoothing in (0.0, 0.1):
        for weight_label, weight in (("no weight", None), ("class weights", extreme_weight)):
            for reduction in REDUCTIONS:
                cases.append(ce_index_case(
                    f"extreme logits +-1000 and +-5e4 with ties, index targets, {weight_label}, "
                    f"{smoothing_name(smoothing)}, {reduction}",
                    extreme, extreme_target, weight, smoothing=smoothing, reduction=reduction))
    extreme_probabilities = tensor([
        [0.0, 1.0, 0.0, 0.0],
        [0.25, 0.25, 0.25, 0.25],
        [0.0, 0.5, 0.5, 0.0],
        [1.0, 0.0, 0.0, 0.0],
        [0.1, 0.2, 0.3, 0.4],
    ])
    for reduction in REDUCTIONS:
        cases.append(ce_probability_case(
            f"extreme logits +-1000 and +-5e4, probability targets, class weights, smoothing 0.1, "
            f"{reduction}", extreme, extreme_probabilities, extreme_weight, 0.1, reduction))

    one_class = randn(g, 4, 1, scale=3.0)
    for smoothing in (0.0, 0.1):
        for reduction in REDUCTIONS:
            cases.append(ce_index_case(
                f"one class, index targets, class weight, {smoothing_name(smoothing)}, {reduction}",
                one_class, [0, 0, 0, 0], tensor([2.5]), smoothing=smoothing, reduction=reduction))
            cases.append(ce_probability_case(
                f"one class, probability targets, {smoothing_name(smoothing)}, {reduction}",
                one_class, tensor([[1.0], [0.5], [0.0], [1.0]]), smoothing=smoothing,
                reduction=reduction))

    logits = randn(g, 3, 4)
    for smoothing in (0.0, 0.1, 1.0):
        for weight_label, weight in (("no weight", None), ("class weights", extreme_weight)):
            for reduction in REDUCTIONS:
                cases.append(ce_index_case(
                    f"all targets ignored, {weight_label}, {smoothing_name(smoothing)}, "
                    f"{reduction}",
                    logits, [-100, -100, -100], weight, smoothing=smoothing, reduction=reduction))

    # Every targeted class has weight 0: mean divides by 0, the loss and the gradient of every
    # sample not ignored are NaN in PyTorch; sum and none are finite.
    zero_targeted = tensor([0.0, 1.5, 0.0, 2.0])
    for smoothing in (0.0, 0.1, 1.0):
        for reduction in REDUCTIONS:
            cases.append(ce_index_case(
                f"zero weight on every targeted class, one ignored, {smoothing_name(smoothing)}, "
                f"{reduction}",
                logits, [0, 2, -100], zero_targeted, smoothing=smoothing, reduction=reduction))
    # One targeted class has weight 0, the others do not: finite everywhere.
    for reduction in REDUCTIONS:
        cases.append(ce_index_case(
            f"zero weight on one targeted class, smoothing 0.1, {reduction}",
            logits, [0, 1, 3], zero_targeted, smoothing=0.1, reduction=reduction))

    cases.append(ce_index_case("single sample, mean", randn(g, 1, 7), [6]))

    # The bodies of CrossEntropyControllerTests (fixed inputs, after every random draw above).
    cases.append(ce_probability_case(
        "controller: probability targets, mean", tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]]),
        tensor([[0.7, 0.2, 0.1], [0.0, 0.9, 0.1]])))
    cases.append(ce_index_case(
        "controller: seed logits, class weights, one ignored, smoothing 0.1, sum",
        tensor(SEED_LOGITS), [0, 2, -100], tensor([1.0, 2.0, 0.5, 1.0]), smoothing=0.1,
        reduction="sum"))
    cases.append(ce_index_case(
        "controller: ignoreIndex 1 inside [0, C), none", tensor([[1.0, 2.0], [3.0, 4.0]]),
        [1, 0], ignore_index=1, reduction="none"))
    cases.append(ce_index_case(
        "controller: every sample ignored, mean", tensor([[1.0, 2.0], [3.0, 4.0]]), [-100, -100]))
    return cases


# --------------------------------------------------------------------------------------------
# NLL
# --------------------------------------------------------------------------------------------


def nll_case(name, log_probabilities, target, weight=None, ignore_index=-100, reduction="mean"):
    target = torch.tensor(target, dtype=torch.int64)
    kwargs = dict(weight=weight, ignore_index=ignore_index)
    x = log_probabilities.clone().requires_grad_(True)
    loss = F.nll_loss(x, target, reduction=reduction, **kwargs)
    backward(loss)
    with torch.no_grad():
        losses = F.nll_loss(log_probabilities, target, reduction="none", **kwargs)
        loss_sum = F.nll_loss(log_probabilities, target, reduction="sum", **kwargs)
        _, total_weight = torch.ops.aten.nll_loss_forward(
            log_probabilities, target, weight, REDUCTION_ENUM["mean"], ignore_index
        )
        ignored = target == ignore_index
        safe = torch.where(ignored, torch.zeros_like(target), target)
        w = torch.ones(log_probabilities.shape[1], dtype=DTYPE) if weight is None else weight
        sample_weights = torch.where(ignored, torch.zeros(len(target), dtype=DTYPE), w[safe])
    return {
        "name": name,
        "inputs": {"logProbabilities": plain(log_probabilities), "target": target.tolist()},
        "options": {"weight": plain(weight), "ignoreIndex": ignore_index, "reduction": reduction},
        "expected": {
            "loss": reduced(loss, reduction),
            "lossSum": number(loss_sum),
            "denominator": number(total_weight),
            "sampleLosses": plain(losses),
            "sampleWeights": plain(sample_weights),
            "ignored": ignored.tolist(),
            "gradient": plain(x.grad),
        },
    }


def nll_cases():
    cases = []
    g = generator(1300)
    n, c = 6, 5
    class_weight = rand(g, c, low=0.2, high=2.0)
    for label, ignore_index, target in IGNORE_VARIANTS:
        log_probabilities = F.log_softmax(randn(g, n, c, scale=2.0), dim=1)
        for weight_label, weight in (("no weight", None), ("class weights", class_weight)):
            for reduction in REDUCTIONS:
                cases.append(nll_case(
                    f"log-softmax input, {label}, {weight_label}, {reduction}",
                    log_probabilities, target, weight, ignore_index, reduction))
    # NLLLoss does not check that its input is a log-probability: any finite values go.
    raw = randn(g, n, c, scale=50.0)
    raw[0, 0] = 5e4
    raw[1, 3] = -5e4
    for weight_label, weight in (("no weight", None), ("class weights", class_weight)):
        for reduction in REDUCTIONS:
            cases.append(nll_case(
                f"unnormalised input with +-5e4, {weight_label}, {reduction}",
                raw, [0, 3, 2, 2, 4, 1], weight, reduction=reduction))
    small = F.log_softmax(randn(g, 3, 4), dim=1)
    weight4 = rand(g, 4, low=0.5, high=1.5)
    for weight_label, weight in (("no weight", None), ("class weights", weight4)):
        for reduction in REDUCTIONS:
            cases.append(nll_case(f"all targets ignored, {weight_label}, {reduction}",
                                  small, [-100, -100, -100], weight, reduction=reduction))
    zero_targeted = tensor([0.0, 1.5, 0.0, 2.0])
    for reduction in REDUCTIONS:
        cases.append(nll_case(f"zero weight on every targeted class, {reduction}",
                              small, [0, 2, -100], zero_targeted, reduction=reduction))
    for reduction in REDUCTIONS:
        cases.append(nll_case(f"one class, {reduction}", randn(g, 3, 1), [0, 0, 0],
                              tensor([0.75]), reduction=reduction))
    for reduction in REDUCTIONS:
        cases.append(nll_case(f"seed example log-softmax, {reduction}",
                              F.log_softmax(tensor(SEED_LOGITS), dim=1), SEED_TARGET,
                              reduction=reduction))

    # The bodies of NllControllerTests (fixed inputs, after every random draw above).
    example = tensor([[-0.2, -1.8, -3.0], [-2.3, -0.15, -2.9]])
    for reduction in ("mean", "none"):
        cases.append(nll_case(f"controller: class weights, {reduction}", example, [0, 1],
                              tensor([1.0, 0.5, 2.0]), reduction=reduction))
    cases.append(nll_case("controller: every sample ignored, ignoreIndex 3 outside [0, C), mean",
                          tensor([[-1.0, -2.0]]), [3], ignore_index=3))
    # The gradient at a target of weight 0 is -0.0: its sign bit is part of the expectation.
    cases.append(nll_case("controller: zero weight on one target, sum",
                          tensor([[-1.0, -2.0], [-3.0, -4.0]]), [0, 1], tensor([0.0, 1.0]),
                          reduction="sum"))
    return cases


# --------------------------------------------------------------------------------------------
# BCE
# --------------------------------------------------------------------------------------------


def bce_expected(loss, losses, loss_sum, grad, numel, reduction):
    rows = losses if losses.dim() == 1 else losses.sum(dim=1)
    return {
        "loss": reduced(loss, reduction),
        "lossSum": number(loss_sum),
        "denominator": float(numel),
        "elementLosses": plain(losses),
        "sampleLosses": plain(rows),
        "gradient": plain(grad),
    }


def bce_probability_case(name, probabilities, target, weight=None, reduction="mean"):
    x = probabilities.clone().requires_grad_(True)
    loss = F.binary_cross_entropy(x, target, weight=weight, reduction=reduction)
    backward(loss)
    with torch.no_grad():
        losses = F.binary_cross_entropy(probabilities, target, weight=weight, reduction="none")
        loss_sum = F.binary_cross_entropy(probabilities, target, weight=weight, reduction="sum")
    return {
        "name": name,
        "inputs": {"probabilities": plain(probabilities), "target": plain(target)},
        "options": {"weight": plain(weight), "reduction": reduction},
        "expected": bce_expected(loss, losses, loss_sum, x.grad, probabilities.numel(),
                                 reduction),
    }


def bce_logits_case(name, logits, target, weight=None, pos_weight=None, reduction="mean",
                    target_classes=None):
    kwargs = dict(weight=weight, pos_weight=pos_weight)
    x = logits.clone().requires_grad_(True)
    loss = F.binary_cross_entropy_with_logits(x, target, reduction=reduction, **kwargs)
    backward(loss)
    with torch.no_grad():
        losses = F.binary_cross_entropy_with_logits(logits, target, reduction="none", **kwargs)
        loss_sum = F.binary_cross_entropy_with_logits(logits, target, reduction="sum", **kwargs)
    inputs = {"logits": plain(logits), "target": plain(target)}
    if target_classes is not None:
        inputs["targetClasses"] = target_classes
    expected = bce_expected(loss, losses, loss_sum, x.grad, logits.numel(), reduction)
    expected["sigmoid"] = plain(torch.sigmoid(logits))
    return {
        "name": name,
        "inputs": inputs,
        "options": {"weight": plain(weight), "posWeight": plain(pos_weight),
                    "reduction": reduction},
        "expected": expected,
    }


def bce_cases():
    cases = []
    g = generator(4242)
    n, c = 5, 4
    # Probabilities at and next to the ends, where the log clamp at -100 and the gradient's
    # 1e-12 floor bite, next to ordinary values.
    probabilities = rand(g, n, c, low=0.02, high=0.98)
    probabilities[0] = tensor([0.0, 1.0, 1e-300, 1 - 1e-16])
    probabilities[1] = tensor([1.0, 0.0, 1 - 1e-16, 1e-300])
    probabilities[2, 0] = 1e-13
    probabilities[2, 1] = 1 - 1e-13
    target = rand(g, n, c)
    target[0] = tensor([0.0, 1.0, 1.0, 0.0])
    target[1] = tensor([0.0, 1.0, 0.3, 0.7])
    target[3] = tensor([1.0, 0.0, 1.0, 0.0])
    class_weight = rand(g, c, low=0.0, high=2.0)
    class_weight[2] = 0.0
    element_weight = rand(g, n, c, low=0.0, high=3.0)
    weights = (("no weight", None),
               ("class weights broadcast over rows", class_weight),
               ("per-element weights", element_weight))
    for weight_label, weight in weights:
        for reduction in REDUCTIONS:
            cases.append(bce_probability_case(
                f"probabilities at 0, 1, 1e-300, 1-1e-16 and inside, {weight_label}, {reduction}",
                probabilities, target, weight, reduction))
    # 1-D input of N elements; the core reads it as N x 1.
    flat_probabilities = tensor([0.0, 1.0, 1e-300, 1 - 1e-16, 0.25, 0.6])
    flat_target = tensor([1.0, 0.0, 0.5, 1.0, 0.0, 0.6])
    flat_weight = rand(g, 6, low=0.1, high=2.0)
    for weight_label, weight in (("no weight", None), ("per-element weights", flat_weight)):
        for reduction in REDUCTIONS:
            cases.append(bce_probability_case(
                f"1-D probabilities, {weight_label}, {reduction}",
                flat_probabilities, flat_target, weight, reduction))

    logits = randn(g, n, c, scale=3.0)
    logits[0] = tensor([1000.0, -1000.0, 5e4, -5e4])
    logits[1] = tensor([30.0, -30.0, 740.0, -740.0])
    logits[2, 0] = 0.0
    logit_target = rand(g, n, c)
    logit_target[0] = tensor([1.0, 0.0, 0.0, 1.0])
    logit_target[1] = tensor([1.0, 0.0, 0.5, 0.5])
    logit_target[3] = tensor([0.0, 1.0, 1.0, 0.0])
    pos_weight = rand(g, c, low=0.0, high=4.0)
    element_pos_weight = rand(g, n, c, low=0.0, high=4.0)
    for weight_label, weight in weights:
        for pos_label, pos in (("no posWeight", None), ("posWeight per class", pos_weight)):
            for reduction in REDUCTIONS:
                cases.append(bce_logits_case(
                    f"logits incl. +-1000, +-5e4, +-740, {weight_label}, {pos_label}, {reduction}",
                    logits, logit_target, weight, pos, reduction))
    for reduction in REDUCTIONS:
        cases.append(bce_logits_case(
            f"logits, per-element posWeight and class weights, {reduction}",
            logits, logit_target, class_weight, element_pos_weight, reduction))

    # Small losses times large weights: PyTorch's log(1 + exp(-|x|)) (not log1p) and its order of
    # summation show here well above 1e-15, so the core must evaluate in the same way.
    small_logits = tensor([[25.0, -25.0, 20.0, 8.36], [-30.0, 30.0, -8.79, 12.5]])
    small_target = tensor([[1.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    large_weight = tensor([1000.0, 250.0, 4000.0, 1e4])
    small_pos_weight = tensor([3.0, 0.5, 1.0, 7.0])
    for pos_label, pos in (("no posWeight", None), ("posWeight per class", small_pos_weight)):
        for reduction in ("sum", "none"):
            cases.append(bce_logits_case(
                f"logits with small losses and large class weights, {pos_label}, {reduction}",
                small_logits, small_target, large_weight, pos, reduction))

    # The sigmoid multi-class recipe: class indices one-hot encoded as the targets.
    recipe_logits = randn(g, 4, 3, scale=2.0)
    classes = [2, 0, 1, 2]
    one_hot = F.one_hot(torch.tensor(classes), num_classes=3).to(DTYPE)
    recipe_pos = tensor([1.0, 3.0, 0.5])
    for pos_label, pos in (("no posWeight", None), ("posWeight per class", recipe_pos)):
        for reduction in REDUCTIONS:
            cases.append(bce_logits_case(
                f"sigmoid multi-class recipe, one-hot target classes, {pos_label}, {reduction}",
                recipe_logits, one_hot, None, pos, reduction, target_classes=classes))

    flat_logits = tensor([0.0, 2.5, -3.0, 1000.0, -1000.0, 0.7])
    flat_target = tensor([1.0, 0.0, 0.25, 0.0, 1.0, 1.0])
    for reduction in REDUCTIONS:
        cases.append(bce_logits_case(f"1-D logits, per-element weights, posWeight of one class, "
                                     f"{reduction}", flat_logits, flat_target, flat_weight,
                                     tensor([2.0]), reduction))
        cases.append(bce_logits_case(f"1-D logits, {reduction}", flat_logits, flat_target,
                                     reduction=reduction))

    # The bodies of BceControllerTests (fixed inputs, after every random draw above).
    cases.append(bce_probability_case("controller: 1-D probabilities, mean",
                                      tensor([0.9, 0.2, 0.6]), tensor([1.0, 0.0, 1.0])))
    cases.append(bce_logits_case("controller: logits, posWeight per class, mean",
                                 tensor([[1.2, -0.4], [-2.0, 0.3]]),
                                 tensor([[1.0, 0.0], [0.0, 1.0]]), pos_weight=tensor([2.0, 1.0])))
    cases.append(bce_logits_case("controller: target classes, mean",
                                 tensor([[2.1, -1.0, 0.3], [-0.5, 1.7, 0.2]]),
                                 F.one_hot(torch.tensor([0, 1]), num_classes=3).to(DTYPE),
                                 target_classes=[0, 1]))
    cases.append(bce_logits_case("controller: 1-D logits, none", tensor([0.5, -1.0]),
                                 tensor([1.0, 0.0]), reduction="none"))
    return cases


# --------------------------------------------------------------------------------------------
# Softmax
# --------------------------------------------------------------------------------------------


def softmax_case(name, logits, temperature, upstream):
    x = logits.clone().requires_grad_(True)
    probabilities = F.softmax(x / temperature, dim=1)
    probabilities.backward(upstream)
    with torch.no_grad():
        tempered = logits / temperature
        return {
            "name": name,
            "inputs": {"logits": plain(logits), "upstreamGradient": plain(upstream)},
            "options": {"temperature": temperature},
            "expected": {
                "probabilities": plain(probabilities.detach()),
                "logProbabilities": plain(F.log_softmax(tempered, dim=1)),
                "logSumExp": plain(torch.logsumexp(tempered, dim=1)),
                "predictedClass": torch.argmax(logits, dim=1).tolist(),
                "gradient": plain(x.grad),
            },
        }


def softmax_cases():
    cases = []
    g = generator(777)
    logits = randn(g, 5, 6, scale=3.0)
    logits[4] = tensor([2.0, 7.5, -1.0, 7.5, 0.0, 7.5])  # ties: argmax is the first maximum
    extreme = tensor([
        [1000.0, -1000.0, 0.0, 999.0],
        [5e4, -5e4, 49999.0, 5e4],
        [-5e4, -5e4, -5e4, -5e4],
        [1e-300, -1e-300, 0.0, 5e-324],
    ])
    for temperature in (0.5, 1.0, 3.0):
        upstream = randn(g, 5, 6)
        cases.append(softmax_case(f"random logits with a tie, temperature {temperature}",
                                  logits, temperature, upstream))
        cases.append(softmax_case(f"extreme logits +-1000, +-5e4, tiny, temperature {temperature}",
                                  extreme, temperature, randn(g, 4, 4)))
    cases.append(softmax_case("one class, temperature 1.0", randn(g, 3, 1), 1.0, randn(g, 3, 1)))
    cases.append(softmax_case("seed example, temperature 1.0", tensor(SEED_LOGITS), 1.0,
                              randn(g, 3, 4)))
    cases.append(softmax_case("seed example, temperature 0.25", tensor(SEED_LOGITS), 0.25,
                              randn(g, 3, 4)))

    # The bodies of SoftmaxControllerTests (fixed inputs, after every random draw above).
    cases.append(softmax_case("controller: a row with a tie, temperature 2.0",
                              tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]), 2.0,
                              tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])))
    # Sent without an upstream gradient; the zeros here only satisfy softmax_case.
    cases.append(softmax_case("controller: two equal logits, temperature 1.0",
                              tensor([[0.0, 0.0]]), 1.0, tensor([[0.0, 0.0]])))
    return cases


# --------------------------------------------------------------------------------------------


def write(file_name, description, cases):
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    header = {
        "generator": SCRIPT,
        "command": COMMAND,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "dtype": "float64",
        "description": description,
        "nan": "null",
        "infinity": "the strings Infinity and -Infinity",
    }
    path = os.path.join(OUT_DIR, file_name)
    # One case per line: small diffs when a case changes, still valid JSON.
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"provenance": ' + json.dumps(header, allow_nan=False) + ',\n"cases": [\n')
        out.write(",\n".join(json.dumps(case, allow_nan=False) for case in cases))
        out.write("\n]}\n")
    print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def main():
    torch.use_deterministic_algorithms(True)
    os.makedirs(OUT_DIR, exist_ok=True)
    write("cross_entropy.json", "torch.nn.functional.cross_entropy", cross_entropy_cases())
    write("nll.json", "torch.nn.functional.nll_loss", nll_cases())
    write("bce.json", "torch.nn.functional.binary_cross_entropy and "
          "binary_cross_entropy_with_logits", bce_cases())
    write("softmax.json", "torch.nn.functional.softmax(logits / T), log_softmax, logsumexp, "
          "argmax, probabilities.backward(upstream)", softmax_cases())


if __name__ == "__main__":
    if sys.version_info < (3, 8):
        sys.exit("needs Python 3.8+")
    main()
