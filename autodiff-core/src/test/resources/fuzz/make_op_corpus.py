#!/usr/bin/python3
"""PyTorch 1.13's accept/reject decisions and results for a fixed corpus of edge-case op calls:
shapes that do not broadcast, dims out of range, 0-d and empty tensors, zero-size dims,
out-of-range indices, wrong-sign steps, geometry that does not fit. OpArgumentFuzzTest replays
every case against autodiff: where PyTorch raises, autodiff must raise its own specific
exception; where PyTorch returns, autodiff must return the same shape and values.

Each case: {"op", "inputs": [{"shape", "dtype", "data"}], "args": {...}, "ok": bool,
"shape", "data" (when ok; floats as numbers or "nan"/"inf"/"-inf"), "error" (when not ok:
PyTorch's exception type and first line)}.

Run from this directory:  /usr/bin/python3 make_op_corpus.py   (writes op_corpus.json)
"""
import itertools
import json
import math
import random

import torch
import torch.nn.functional as F

random.seed(1113)
torch.manual_seed(1113)
torch.set_default_dtype(torch.float64)

SHAPES = [[], [0], [1], [3], [1, 3], [2, 3], [3, 1], [2, 0], [0, 3], [2, 3, 4], [3, 1, 2], [1, 1, 1]]


def tensor(shape, dtype="float64", low=-3, high=3):
    n = math.prod(shape)
    if dtype == "float64":
        data = [round(random.uniform(-2, 2), 6) for _ in range(n)]
    elif dtype == "int64":
        data = [random.randint(low, high) for _ in range(n)]
    else:
        data = [random.random() < 0.5 for _ in range(n)]
    return {"shape": shape, "dtype": dtype, "data": data}


def to_torch(spec):
    dt = {"float64": torch.float64, "int64": torch.int64, "bool": torch.bool}[spec["dtype"]]
    return torch.tensor(spec["data"], dtype=dt).reshape(spec["shape"])


def encode(v):
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


CASES = []


def case(op, inputs, args, fn):
    ts = [to_torch(i) for i in inputs]
    entry = {"op": op, "inputs": inputs, "args": args}
    try:
        out = fn(*ts)
        if isinstance(out, tuple):
            out = out[0]
        entry["ok"] = True
        entry["shape"] = list(out.shape)
        entry["dtype"] = str(out.dtype).replace("torch.", "")
        entry["data"] = [encode(v) for v in out.reshape(-1).tolist()]
    except Exception as e:  # noqa: BLE001 - recording PyTorch's decision is the point
        entry["ok"] = False
        entry["error"] = type(e).__name__ + ": " + str(e).split("\n")[0][:200]
    CASES.append(entry)


# Binary elementwise ops and matmul over every pair of shapes: broadcasting or not.
for a, b in itertools.product(SHAPES, SHAPES):
    ta, tb = tensor(a), tensor(b)
    for op, fn in [("add", torch.add), ("mul", torch.mul), ("sub", torch.sub), ("div", torch.div)]:
        if random.random() < 0.35:
            case(op, [ta, tb], {}, fn)
    case("matmul", [ta, tb], {}, torch.matmul)
    if random.random() < 0.3:
        case("lt", [ta, tb], {}, torch.lt)

# where with a bool condition.
for c, a, b in random.sample(list(itertools.product(SHAPES, SHAPES, SHAPES)), 80):
    case("where", [tensor(c, "bool"), tensor(a), tensor(b)], {}, torch.where)

# Reductions and dim ops: every shape, dims in and out of range, lists with repeats and empty lists.
for s in SHAPES:
    r = len(s)
    t = tensor(s)
    for d in range(-r - 2, r + 2):
        for keep in (False, True):
            case("sum", [t], {"dims": [d], "keepDim": keep}, lambda x, d=d, k=keep: x.sum(dim=[d], keepdim=k))
        case("mean", [t], {"dims": [d], "keepDim": False}, lambda x, d=d: x.mean(dim=[d]))
        case("var", [t], {"dims": [d], "correction": 1, "keepDim": False}, lambda x, d=d: torch.var(x, dim=[d], unbiased=True))
        case("std", [t], {"dims": [d], "correction": 0, "keepDim": True}, lambda x, d=d: torch.std(x, dim=[d], unbiased=False, keepdim=True))
        case("softmax", [t], {"dim": d}, lambda x, d=d: torch.softmax(x, d))
        case("logSoftmax", [t], {"dim": d}, lambda x, d=d: torch.log_softmax(x, d))
        case("maxDim", [t], {"dim": d, "keepDim": False}, lambda x, d=d: torch.max(x, d))
        case("argmax", [t], {"dim": d, "keepDim": False}, lambda x, d=d: torch.argmax(x, d))
        case("logSumExp", [t], {"dim": d, "keepDim": False}, lambda x, d=d: torch.logsumexp(x, d))
        case("squeeze", [t], {"dim": d}, lambda x, d=d: x.squeeze(d))
        case("unsqueeze", [t], {"dim": d}, lambda x, d=d: x.unsqueeze(d))
        case("triu", [t], {"k": d}, lambda x, d=d: torch.triu(x, d))
        case("tril", [t], {"k": d}, lambda x, d=d: torch.tril(x, d))
        for start, end, step in [(0, 2, 1), (-1, 5, 1), (1, 0, 1), (0, 3, 2), (0, 3, 0), (0, 3, -1), (5, 9, 1)]:
            if random.random() < 0.4:
                case("slice", [t], {"dim": d, "start": start, "end": end, "step": step},
                     lambda x, d=d, a=start, b=end, c=step: x[(slice(None),) * (d % max(x.dim(), 1)) + (slice(a, b, c),)]
                     if -max(x.dim(), 1) <= d < max(x.dim(), 1) and x.dim() > 0 else x[(slice(None),) * 9])
    for dims in ([], [0, 0], [0, -r] if r else [0, 0], list(range(r))):
        case("sum", [t], {"dims": dims, "keepDim": False}, lambda x, dims=dims: x.sum(dim=dims))
        case("mean", [t], {"dims": dims, "keepDim": True}, lambda x, dims=dims: x.mean(dim=dims, keepdim=True))
        case("var", [t], {"dims": dims, "correction": 1, "keepDim": False}, lambda x, dims=dims: torch.var(x, dim=dims))
    case("sumAll", [t], {}, torch.sum)
    case("maxAll", [t], {}, torch.max)
    case("flatten", [t], {}, torch.flatten)
    for d0, d1 in [(0, 1), (0, -1), (1, 2), (0, 3), (-4, 0)]:
        case("transpose", [t], {"dim0": d0, "dim1": d1}, lambda x, a=d0, b=d1: x.transpose(a, b))
    for perm in ([], [0], [1, 0], [0, 0], [2, 0, 1], [0, 1, 2, 3], [-1, 0]):
        case("permute", [t], {"dims": perm}, lambda x, p=perm: x.permute(p))
    for shape in ([], [-1], [3, -1], [-1, -1], [0, -1], [6], [2, 3], [1, 3, 1], [0], [4, -2]):
        case("reshape", [t], {"shape": shape}, lambda x, sh=shape: x.reshape(sh))
    for shape in ([2, 3], [3, 3], [2, 1, 3], [-1, 3], [0, 3], [1], [], [4, -1, 2], [2, 3, 4]):
        case("expand", [t], {"shape": shape}, lambda x, sh=shape: x.expand(sh))
    for pad in ([1, 1], [0, 2, 1, 0], [1], [1, 1, 1, 1, 1, 1, 1, 1], [0, 0], [3, 0, 0, 0, 0, 2]):
        case("pad", [t], {"padding": pad, "value": 0.5}, lambda x, p=pad: F.pad(x, p, value=0.5))
    for d in range(-r - 1, r + 1):
        for idx in ([0], [1, 0], [], [2], [-1], [5]):
            case("indexSelect", [t, {"shape": [len(idx)], "dtype": "int64", "data": idx}], {"dim": d},
                 lambda x, i, d=d: torch.index_select(x, d, i))
        gathered = tensor(s, "int64", -1, 3)
        case("gather", [t, gathered], {"dim": d}, lambda x, i, d=d: torch.gather(x, d, i))

# cat and stack over pairs of shapes and dims.
for a, b in random.sample(list(itertools.product(SHAPES, SHAPES)), 70):
    for d in (-1, 0, 1, 2):
        case("cat", [tensor(a), tensor(b)], {"dim": d}, lambda x, y, d=d: torch.cat([x, y], d))
        case("stack", [tensor(a), tensor(b)], {"dim": d}, lambda x, y, d=d: torch.stack([x, y], d))

# Convolution and pooling geometry: zero-size inputs and weights, kernels that do not fit,
# strides, paddings, dilations, groups.
IMAGES = [[1, 1, 4, 4], [2, 2, 5, 3], [0, 1, 4, 4], [1, 0, 4, 4], [1, 1, 0, 4], [1, 1, 4, 0], [1, 2, 1, 1], [1, 1, 4], [1, 4, 3, 3]]
WEIGHTS = [[1, 1, 3, 3], [2, 1, 2, 2], [1, 2, 1, 1], [0, 1, 1, 1], [1, 1, 0, 1], [2, 2, 3, 3], [1, 1, 5, 5], [4, 2, 1, 1], [2, 2, 1, 1]]
for x, w in itertools.product(IMAGES, WEIGHTS):
    for stride, padding, dilation, groups in random.sample(list(itertools.product((1, 2), (0, 1, 2), (1, 2), (1, 2))), 4):
        case("conv2d", [tensor(x), tensor(w)], {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups},
             lambda a, b, s=stride, p=padding, d=dilation, g=groups: F.conv2d(a, b, None, s, p, d, g))
for x in IMAGES:
    for k, s, p in [(2, 2, 0), (2, 1, 1), (3, 1, 1), (3, 2, 2), (1, 1, 0), (5, 1, 0), (5, 1, 2), (0, 1, 0), (2, 0, 0), (2, 1, -1)]:
        case("maxPool2d", [tensor(x)], {"kernel": k, "stride": s, "padding": p}, lambda a, k=k, s=s, p=p: F.max_pool2d(a, k, s, p))
        case("avgPool2d", [tensor(x)], {"kernel": k, "stride": s, "padding": p}, lambda a, k=k, s=s, p=p: F.avg_pool2d(a, k, s, p))

# Factories: wrong-sign steps, empty ranges, zero steps.
for start, end, step in [(0, 5, 1), (0, 5, -1), (5, 0, 1), (5, 0, -2), (3, 3, 1), (3, 3, -1), (0, 1, 0.3), (0, 0, 0), (0, -4, -1.5)]:
    case("arange", [], {"start": start, "end": end, "step": step}, lambda s=start, e=end, st=step: torch.arange(s, e, st))
for steps in (0, 1, 2, 5, -1):
    case("linspace", [], {"start": -1, "end": 2, "steps": steps}, lambda st=steps: torch.linspace(-1, 2, st))
for n in (0, 1, 3, -1):
    case("eye", [], {"n": n}, lambda n=n: torch.eye(n))

with open("op_corpus.json", "w") as f:
    json.dump({"generator": "make_op_corpus.py", "torch": torch.__version__, "cases": CASES}, f, separators=(",", ":"))
    f.write("\n")
print(len(CASES), "cases,", sum(not c["ok"] for c in CASES), "rejected by PyTorch")
