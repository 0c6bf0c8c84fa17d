#!/usr/bin/python3
"""NumPy .npy test files for the NumPy transport, with PyTorch's results for them.

Writes src/test/resources/npy/: the .npy files a client would upload, written by numpy.save
itself (float64 and float32, both byte orders, Fortran order, format versions 1.0 to 3.0,
every integer and bool dtype the service reads), malformed and hostile files made by hand
(bad magic, headers that lie, truncated data, object and structured arrays, unsupported dtypes,
NaN and infinity, shapes whose element count overflows), manifest.json, which says what
each is for, and the seed inputs of the fuzz tests (NpyFuzzTestsInputs/<method>/seed-*). CI has no NumPy, so the output is committed; rerun to regenerate it:

    /usr/bin/python3 scripts/generate_npy_fixtures.py

manifest.json holds:
  valid    one request per case: its parts (field -> file), its text parts, the same request
           as JSON with every number exactly as numpy widens it to float64 (repr, so each
           parses back to that double), and PyTorch 1.13's float64 loss for those inputs
  hostile  one .npy file per case, the field it is sent as, and the JSON Pointer the 400
           problem must name; the other fields of the request are the seed's valid parts
The inputs are the seed example of scripts/generate_fixtures.py (the tutorial's 3 x 4 logits).
"""

import json
import os
import platform
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_fixtures import SEED_LOGITS, SEED_TARGET  # noqa: E402

SCRIPT = "scripts/generate_npy_fixtures.py"
COMMAND = "/usr/bin/python3 scripts/generate_npy_fixtures.py"
OUT_DIR = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "npy"))

SEED = np.array(SEED_LOGITS, dtype=np.float64)
TARGET = np.array(SEED_TARGET, dtype=np.int64)


def save(name, array, version=None):
    """Writes array with NumPy's own writer (format version as given, else NumPy's choice)."""
    path = os.path.join(OUT_DIR, name)
    with open(path, "wb") as out:
        if version is None:
            np.save(out, array, allow_pickle=array.dtype.hasobject)
        else:
            np.lib.format.write_array(out, array, version=version)
    return name


def raw(name, data):
    with open(os.path.join(OUT_DIR, name), "wb") as out:
        out.write(data)
    return name


def header(dictionary, version=(1, 0), declared_length=None):
    """A .npy preamble and header around a dictionary text, as NumPy lays it out."""
    text = dictionary.encode("latin1")
    size_format = "<H" if version[0] == 1 else "<I"
    preamble = 8 + struct.calcsize(size_format)
    padding = 64 - (preamble + len(text) + 1) % 64
    text = text + b" " * padding + b"\n"
    length = len(text) if declared_length is None else declared_length
    return b"\x93NUMPY" + bytes(version) + struct.pack(size_format, length) + text


def file_bytes(array):
    path = os.path.join(OUT_DIR, "_scratch.npy")
    np.save(path, array)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def widened(array):
    """The values as numpy widens them to float64, as nested lists of Python floats or ints."""
    if array.dtype.kind == "f":
        return array.astype(np.float64).tolist()
    return array.astype(np.int64).tolist()


def cross_entropy_loss(logits, target, reduction="mean"):
    return F.cross_entropy(torch.from_numpy(logits.astype(np.float64)),
                           torch.from_numpy(target.astype(np.int64)), reduction=reduction).item()


def valid_cases():
    cases = []

    def ce_case(name, logits_file, logits, target_file, target, text=None):
        cases.append({
            "name": name,
            "path": "/loss/cross-entropy",
            "parts": {"logits": logits_file, "target": target_file},
            "text": text or {},
            "json": dict({"logits": widened(logits), "target": widened(target)}, **(text or {})),
            # PyTorch 1.13, float64, on the widened inputs.
            "expected": {"loss": cross_entropy_loss(logits, target, **(text or {}))},
        })

    seed_f8 = save("seed-logits-f8.npy", SEED)
    seed_i8 = save("seed-target-i8.npy", TARGET)
    ce_case("seed, <f8 and <i8", seed_f8, SEED, seed_i8, TARGET)

    f4 = SEED.astype("<f4")
    i4 = TARGET.astype("<i4")
    ce_case("float32 logits, int32 target",
            save("seed-logits-f4.npy", f4), f4, save("seed-target-i4.npy", i4), i4)
    f4_big = SEED.astype(">f4")
    i4_big = TARGET.astype(">i4")
    ce_case("big-endian float32 and int32",
            save("seed-logits-f4-big.npy", f4_big), f4_big,
            save("seed-target-i4-big.npy", i4_big), i4_big)
    f8_big = SEED.astype(">f8")
    i8_big = TARGET.astype(">i8")
    ce_case("big-endian float64 and int64",
            save("seed-logits-f8-big.npy", f8_big), f8_big,
            save("seed-target-i8-big.npy", i8_big), i8_big)
    fortran = np.asfortranarray(SEED)
    u1 = TARGET.astype("|u1")
    ce_case("Fortran order, uint8 target",
            save("seed-logits-fortran.npy", fortran), fortran, save("seed-target-u1.npy", u1), u1)
    fortran_f4 = np.asfortranarray(SEED.astype("<f4"))
    i1 = TARGET.astype("|i1")
    ce_case("Fortran order float32, int8 target",
            save("seed-logits-fortran-f4.npy", fortran_f4), fortran_f4,
            save("seed-target-i1.npy", i1), i1)
    ce_case("format version 2.0",
            save("seed-logits-v2.npy", SEED, version=(2, 0)), SEED,
            save("seed-target-v2.npy", TARGET, version=(2, 0)), TARGET)
    ce_case("format version 3.0",
            save("seed-logits-v3.npy", SEED, version=(3, 0)), SEED,
            save("seed-target-v3.npy", TARGET, version=(3, 0)), TARGET)
    ce_case("text parts: reduction sum", seed_f8, SEED, seed_i8, TARGET, {"reduction": "sum"})

    # Class indices as bool: two classes, the first two columns of the seed.
    two = np.ascontiguousarray(SEED[:, :2])
    flags = np.array([True, False, True])
    ce_case("bool target", save("seed-logits-2-classes.npy", two), two,
            save("target-b1.npy", flags), flags)

    # NLL and softmax take float32 too.
    log_probabilities = torch.log_softmax(torch.from_numpy(f4.astype(np.float64)), dim=1)
    lp32 = log_probabilities.numpy().astype("<f4")
    cases.append({
        "name": "NLL on float32 log-probabilities",
        "path": "/loss/nll",
        "parts": {"logProbabilities": save("seed-log-probabilities-f4.npy", lp32),
                  "target": "seed-target-i4.npy"},
        "text": {},
        "json": {"logProbabilities": widened(lp32), "target": widened(i4)},
        "expected": {"loss": F.nll_loss(torch.from_numpy(lp32.astype(np.float64)),
                                        torch.from_numpy(TARGET)).item()},
    })
    return cases


def hostile_cases():
    """Each file is sent as logits of the seed cross-entropy request, or as its target."""
    cases = []
    good = file_bytes(SEED)

    def case(name, file_name, data, pointer="/logits", field="logits"):
        cases.append({"name": name, "field": field, "file": raw(file_name, data),
                      "pointer": pointer})

    f8 = "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }"
    data = SEED.tobytes()
    case("bad magic", "bad-magic.npy", b"\x93NUMPZ" + good[6:])
    case("text instead of a .npy file", "text.npy", b"[[1.0, 2.0], [3.0, 4.0]]")
    case("format version 9.0", "version-9.npy", good[:6] + bytes([9, 0]) + good[8:])
    case("header length over NumPy's maximum", "header-length-huge.npy",
         header(f8 % "(3, 4)", declared_length=60000) + data)
    case("header length longer than the file", "header-length-lies.npy",
         header(f8 % "(3, 4)", declared_length=4000) + data)
    case("header cut short", "header-truncated.npy", good[:40])
    case("header that is not a dictionary", "header-garbage.npy",
         header("{'descr': <f8, 'fortran_order': False, 'shape': (3, 4), }") + data)
    case("header without shape", "header-no-shape.npy",
         header("{'descr': '<f8', 'fortran_order': False, }") + data)
    case("shape larger than the data", "shape-lies-larger.npy", header(f8 % "(3, 5)") + data)
    case("shape smaller than the data", "shape-lies-smaller.npy", header(f8 % "(2, 4)") + data)
    case("truncated data", "truncated.npy", good[:len(good) - 5])
    case("shape whose size in bytes overflows a long", "shape-overflow-long.npy",
         header(f8 % "(2147483647, 2147483647)") + data)
    case("shape whose element count overflows an int", "shape-overflow-int.npy",
         header(f8 % "(65536, 65536)") + data)
    case("dimension over the int range", "dimension-overflow.npy",
         header(f8 % "(1099511627776, 4)") + data)
    case("huge shape, small body", "huge-shape-small-body.npy",
         header(f8 % "(100000, 100000)") + data)
    case("object array", "object.npy",
         open(os.path.join(OUT_DIR, save("_object.npy", np.array([[1.0, "a"]], dtype=object))),
              "rb").read())
    os.remove(os.path.join(OUT_DIR, "_object.npy"))
    case("structured array", "structured.npy",
         file_bytes(np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")])))
    case("complex128", "complex.npy", file_bytes(SEED.astype(np.complex128)))
    case("float16", "float16.npy", file_bytes(SEED.astype(np.float16)))
    case("unicode strings", "strings.npy", file_bytes(np.array([["a", "bc"]])))
    case("datetime64", "datetime.npy", file_bytes(np.array(["2026-01-01"], dtype="M8[D]")))
    case("int64 logits", "logits-i8.npy", file_bytes(TARGET.reshape(3, 1)))
    nan = SEED.copy()
    nan[1, 3] = np.nan
    case("NaN", "nan.npy", file_bytes(nan), pointer="/logits/1/3")
    inf = SEED.astype("<f4")
    inf[0, 2] = np.inf
    case("infinity in float32", "inf-f4.npy", file_bytes(inf), pointer="/logits/0/2")
    # Contract version 2 takes logits of rank 1 (one unbatched sample) and an empty batch
    # (0, 4); these two stay as files for the reader's own tests of a 2-D field.
    raw("logits-rank-1.npy", file_bytes(SEED[0]))
    raw("logits-empty.npy", file_bytes(np.zeros((0, 4))))
    case("logits above the rank limit", "logits-rank-9.npy",
         file_bytes(SEED.reshape((1,) * 7 + SEED.shape)))
    case("logits without a class", "logits-no-classes.npy", file_bytes(np.zeros((3, 0))))
    case("float64 target", "target-f8.npy", file_bytes(TARGET.astype(np.float64)),
         pointer="/target", field="target")
    case("int64 target out of the int range", "target-out-of-range.npy",
         file_bytes(np.array([0, 2 ** 40, 1], dtype=np.int64)), pointer="/target/1",
         field="target")
    case("bool bytes other than 0 and 1", "target-bool-2.npy",
         header("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }") + bytes([0, 2, 1]),
         pointer="/target/1", field="target")
    case("rank 2 target", "target-rank-2.npy", file_bytes(TARGET.reshape(3, 1)),
         pointer="/target", field="target")
    return cases


FUZZ_DIR = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "dev",
    "lossservice", "fuzz", "NpyFuzzTestsInputs"))
BOUNDARY = b"------------------------b9f3c1d2e4a5968a"


def multipart(parts):
    """A multipart/form-data body as curl writes one; parts are (name, bytes, is_file)."""
    body = b""
    for name, content, is_file in parts:
        disposition = b'Content-Disposition: form-data; name="' + name.encode() + b'"'
        if is_file:
            disposition += b'; filename="' + name.encode() + b'.npy"\r\n'
            disposition += b"Content-Type: application/octet-stream"
        body += b"--" + BOUNDARY + b"\r\n" + disposition + b"\r\n\r\n" + content + b"\r\n"
    return body + b"--" + BOUNDARY + b"--\r\n"


def fuzz_seeds(manifest):
    """Seed inputs of NpyFuzzTests, in the layout Jazzer's FuzzedDataProvider reads: the bytes
    consumed whole first, then the values picked, taken by Jazzer from the end of the input."""
    files = sorted({c["file"] for c in manifest["hostile"]}
                   | {f for c in manifest["valid"] for f in c["parts"].values()})
    seeds = {"decoder": [], "npyPart": [], "multipartBody": []}
    for i, name in enumerate(files):
        data = open(os.path.join(OUT_DIR, name), "rb").read()
        is_target = "target" in name
        # decoder: kind 0 (matrix), 1 (any rank) or 2 (class indices), one byte at the end.
        seeds["decoder"].append(data + bytes([2 if is_target else i % 2]))
        # npyPart: the target (last byte) and the Accept header (the byte before it).
        seeds["npyPart"].append(data + bytes([i % 2, 1 if is_target else 0]))
    seed = open(os.path.join(OUT_DIR, "seed-logits-f8.npy"), "rb").read()
    target = open(os.path.join(OUT_DIR, "seed-target-i8.npy"), "rb").read()
    valid = multipart([("logits", seed, True), ("target", target, True), ("reduction", b"sum", False)])
    for body in (valid,
                 valid[:len(valid) // 2],
                 multipart([("logits", seed, True), ("logits", seed, True), ("x", b"1", False)]),
                 b"preamble\r\n" + valid + b"epilogue",
                 valid.replace(b"Content-Disposition: form-data; ", b"")):
        seeds["multipartBody"].append(body + bytes([0]))
    for method, inputs in seeds.items():
        directory = os.path.join(FUZZ_DIR, method)
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.startswith("seed-"):
                os.remove(os.path.join(directory, name))
        for i, data in enumerate(inputs):
            with open(os.path.join(directory, "seed-%02d" % i), "wb") as out:
                out.write(data)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for name in os.listdir(OUT_DIR):
        if name.endswith(".npy") or name == "manifest.json":
            os.remove(os.path.join(OUT_DIR, name))
    manifest = {
        "provenance": {
            "generator": SCRIPT,
            "command": COMMAND,
            "numpy": np.__version__,
            "torch": torch.__version__,
            "python": platform.python_version(),
            "dtype": "float64",
        },
        "valid": valid_cases(),
        "hostile": hostile_cases(),
    }
    path = os.path.join(OUT_DIR, "manifest.json")
    # One case per line: small diffs when a case changes, still valid JSON.
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"provenance": ' + json.dumps(manifest["provenance"]))
        for key in ("valid", "hostile"):
            out.write(',\n"' + key + '": [\n')
            out.write(",\n".join(json.dumps(c, allow_nan=False) for c in manifest[key]))
            out.write("\n]")
        out.write("}\n")
    fuzz_seeds(manifest)
    files = [n for n in os.listdir(OUT_DIR) if n.endswith(".npy")]
    print(f"{OUT_DIR}: {len(files)} .npy files, {len(manifest['valid'])} valid and "
          f"{len(manifest['hostile'])} hostile cases in manifest.json")


if __name__ == "__main__":
    main()
