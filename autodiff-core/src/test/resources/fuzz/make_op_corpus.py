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
import torch.autograd.forward_ad as fwAD
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


def case(op, inputs, args, fn, shape_only=False):
    ts = [to_torch(i) if i is not None else None for i in inputs]
    entry = {"op": op, "inputs": inputs, "args": args}
    if shape_only:
        # Random or uninitialised values: only PyTorch's decision, shape and dtype are the judge.
        entry["shapeOnly"] = True
    # The corpus's float tensors are float64 (the default dtype set above, so that factories and
    # literals are float64); but where an op makes a float from integers or bools (exp of an int64,
    # int64 / int64), PyTorch uses its real default, float32, and so does autodiff.
    integral = any(i is not None and i["dtype"] != "float64" for i in inputs)
    torch.set_default_dtype(torch.float32 if integral else torch.float64)
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
    finally:
        torch.set_default_dtype(torch.float64)
    if entry["ok"] and shape_only:
        del entry["data"]
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
    case("arange", [], {"start": start, "end": end, "step": step}, lambda s=start, e=end, st=step: torch.arange(s, e, st, dtype=torch.float64))
for steps in (0, 1, 2, 5, -1):
    case("linspace", [], {"start": -1, "end": 2, "steps": steps}, lambda st=steps: torch.linspace(-1, 2, st))
for n in (0, 1, 3, -1):
    case("eye", [], {"n": n}, lambda n=n: torch.eye(n))

# ---------------------------------------------------------------- every other public op of Tensor
# Dtypes matter from here on: int64 and bool inputs where PyTorch promotes, refuses or computes
# in float32, and float64 elsewhere.
DTYPES = ["float64", "int64", "bool"]
SMALL = [[], [0], [3], [2, 3], [2, 0], [3, 1, 2]]

# Unary elementwise functions: every shape in float64, the small ones in int64 and bool.
UNARY = [("neg", torch.neg), ("square", torch.square), ("reciprocal", torch.reciprocal), ("exp", torch.exp),
         ("expm1", torch.expm1), ("log", torch.log), ("log1p", torch.log1p), ("sqrt", torch.sqrt), ("abs", torch.abs),
         ("sin", torch.sin), ("cos", torch.cos), ("tanh", torch.tanh), ("sigmoid", torch.sigmoid),
         ("relu", torch.relu), ("silu", F.silu), ("erf", torch.erf), ("sign", torch.sign), ("gelu", F.gelu),
         ("elu", F.elu), ("softplus", F.softplus), ("logicalNot", torch.logical_not)]
for op, fn in UNARY:
    for s in SHAPES:
        case(op, [tensor(s)], {}, fn)
    for s, dt in itertools.product(SMALL, ["int64", "bool"]):
        case(op, [tensor(s, dt)], {}, fn)

# Unary functions with parameters, and the scalar forms of the binary ops (a Java double is a
# Python float, a Java long a Python int: they promote differently).
for s, dt in itertools.product(SMALL, DTYPES):
    t = tensor(s, dt)
    for slope in (0.01, -2.0, 0.0):
        case("leakyRelu", [t], {"negativeSlope": slope}, lambda x, v=slope: F.leaky_relu(x, v))
    for approx in ("none", "tanh", "erf", ""):
        case("geluApproximate", [t], {"approximate": approx}, lambda x, a=approx: F.gelu(x, approximate=a))
    for alpha in (1.0, 0.5, -1.0, 0.0):
        case("eluAlpha", [t], {"alpha": alpha}, lambda x, a=alpha: F.elu(x, a))
    for beta, threshold in ((1.0, 20.0), (2.0, 1.0), (0.5, 0.0), (-1.0, 20.0), (0.0, 20.0)):
        case("softplusBeta", [t], {"beta": beta, "threshold": threshold},
             lambda x, b=beta, th=threshold: F.softplus(x, b, th))
    for lo, hi in ((-1.0, 1.0), (0.5, -0.5), (0.0, 0.0), (-math.inf, 0.5), (float("nan"), 1.0)):
        case("clamp", [t], {"min": encode(lo), "max": encode(hi)}, lambda x, a=lo, b=hi: torch.clamp(x, a, b))
    for c in (2.0, 0.5, -1.0, 0.0, 3.0):
        case("powScalar", [t], {"c": c}, lambda x, c=c: torch.pow(x, c))
    for c in (2.5, -1.0, 0.0):
        for op, fn in [("addScalar", torch.add), ("subScalar", torch.sub), ("mulScalar", torch.mul),
                       ("divScalar", torch.div), ("rsubScalar", torch.rsub), ("eqScalar", torch.eq),
                       ("ltScalar", torch.lt), ("gtScalar", torch.gt)]:
            case(op, [t], {"c": c}, lambda x, c=c, fn=fn: fn(x, c))
    for c in (2, -1, 0):
        for op, fn in [("addLong", torch.add), ("subLong", torch.sub), ("mulLong", torch.mul),
                       ("rsubLong", torch.rsub), ("eqLong", torch.eq), ("ltLong", torch.lt), ("gtLong", torch.gt)]:
            case(op, [t], {"c": c}, lambda x, c=c, fn=fn: fn(x, c))

# Binary ops on tensors: pairs of shapes, broadcasting or not, and pairs of dtypes.
BINARY = [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul), ("div", torch.div), ("pow", torch.pow),
          ("eq", torch.eq), ("ne", torch.ne), ("lt", torch.lt), ("le", torch.le), ("gt", torch.gt),
          ("ge", torch.ge), ("logicalAnd", torch.logical_and), ("logicalOr", torch.logical_or),
          ("logicalXor", torch.logical_xor)]
for op, fn in BINARY:
    for a, b in random.sample(list(itertools.product(SHAPES, SHAPES)), 30):
        case(op, [tensor(a), tensor(b)], {}, fn)
    for (a, b), (da, db) in itertools.product([([2, 3], [3]), ([], [2, 1]), ([0], [1]), ([2], [3])],
                                              itertools.product(DTYPES, DTYPES)):
        case(op, [tensor(a, da), tensor(b, db)], {}, fn)
for (c, a, b), (dc, da, db) in itertools.product([([2, 3], [3], []), ([3], [2, 1], [1]), ([0], [], [1])],
                                                 [("bool", "int64", "float64"), ("bool", "int64", "int64"),
                                                  ("float64", "float64", "float64"), ("int64", "bool", "bool"),
                                                  ("bool", "bool", "bool")]):
    case("where", [tensor(c, dc), tensor(a, da), tensor(b, db)], {}, torch.where)

# maskedFill: the mask must be bool and broadcast to the tensor's shape (the result keeps it);
# a tensor value must be 0-d.
for (x, m), (dx, dm) in itertools.product([([2, 3], [3]), ([2, 3], [2, 3]), ([3], [2, 3]), ([2, 3], [2]),
                                           ([], []), ([0, 3], [1]), ([2, 0], [2, 1])],
                                          [("float64", "bool"), ("int64", "bool"), ("float64", "float64"),
                                           ("float64", "int64"), ("bool", "bool")]):
    case("maskedFill", [tensor(x, dx), tensor(m, dm)], {"value": -1.5},
         lambda a, b: a.masked_fill(b, -1.5))
    for v in ([], [1], [2], [1, 1]):
        case("maskedFillTensor", [tensor(x, dx), tensor(m, dm), tensor(v)], {},
             lambda a, b, c: a.masked_fill(b, c))

# Reductions over all elements and over one dim, the forms the corpus above does not call.
for s in SHAPES:
    r = len(s)
    for dt in (DTYPES if len(s) < 3 else ["float64"]):
        t = tensor(s, dt)
        case("meanAll", [t], {}, torch.mean)
        case("varAll", [t], {}, torch.var)
        case("stdAll", [t], {}, torch.std)
        case("minAll", [t], {}, torch.min)
        if dt != "float64":
            case("sumAll", [t], {}, torch.sum)
            case("maxAll", [t], {}, torch.max)
        case("normAll", [t], {}, torch.norm)
        case("squeezeAll", [t], {}, torch.squeeze)
        case("flatten", [t], {}, torch.flatten)
        case("copy", [t], {}, torch.clone)
        for target in ("float64", "float32", "int64", "bool"):
            case("to", [t], {"dtype": target}, lambda x, d=target: x.to(getattr(torch, d)))
        for d in range(-r - 1, r + 1):
            keep = random.random() < 0.5
            case("sumDim", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: x.sum(d, keepdim=k))
            case("meanDim", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: x.mean(d, keepdim=k))
            case("minDim", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: torch.min(x, d, keepdim=k))
            case("argmin", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: torch.argmin(x, d, keepdim=k))
            case("size", [t], {"dim": d}, lambda x, d=d: torch.tensor(x.size(d)))
            if dt != "float64":
                case("maxDim", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: torch.max(x, d, keepdim=k))
                case("argmax", [t], {"dim": d, "keepDim": keep}, lambda x, d=d, k=keep: torch.argmax(x, d, keepdim=k))
    t = tensor(s)
    for p in (0.0, 1.0, 2.0, 3.5, math.inf, -1.0, -math.inf):
        case("normP", [t], {"p": encode(p)}, lambda x, p=p: torch.norm(x, p))
        for d in range(-r - 1, r + 1):
            if random.random() < 0.5:
                keep = random.random() < 0.5
                case("normDim", [t], {"p": encode(p), "dim": d, "keepDim": keep},
                     lambda x, p=p, d=d, k=keep: torch.norm(x, p, d, k))
        for dims in ([], list(range(r)), [0, 0]):
            case("normDims", [t], {"p": encode(p), "dims": dims, "keepDim": False},
                 lambda x, p=p, dims=dims: torch.norm(x, p, dims))
    for target in ([], [1], [3], [1, 3], [2, 1], [2, 3], [0], [3, 3], [1, 1, 1], [2, 3, 4], [4]):
        case("sumToSize", [t], {"shape": target}, lambda x, sh=target: x.sum_to_size(sh))
    for idx in ([], [0] * r, [-1] * r, [1] * r, [2] * r, [5] * r, [0] * (r + 1)):
        if len(idx) == r:
            case("get", [t], {"index": idx}, lambda x, i=idx: x[tuple(i)].clone())
    case("item", [t], {}, lambda x: torch.tensor(x.item()))
    for shape in ([6], [2, 3], [3, 2], [1, 6, 1], [0], [], [4], [2, 0], [0, 0]):
        case("viewAs", [t], {"shape": shape}, lambda x, sh=shape: x.view(sh))
    for d in range(-r - 1, r + 1):
        idx = [0, 2, 1, 5, -1][:random.randint(0, 4)]
        case("indexSelectInts", [t], {"dim": d, "index": idx},
             lambda x, d=d, i=idx: torch.index_select(x, d, torch.tensor(i, dtype=torch.int64)))

# In-place updates: the other tensor broadcast to the target's shape, never the other way;
# a result PyTorch cannot store in the target's dtype is refused.
for (a, b), (da, db) in itertools.product([([2, 3], [3]), ([2, 3], [2, 3]), ([3], [2, 3]), ([2, 3], [2]), ([], []),
                                           ([0, 3], [3]), ([2, 3], [])],
                                          [("float64", "float64"), ("int64", "float64"), ("float64", "int64"),
                                           ("int64", "int64"), ("float64", "bool")]):
    # Java's addInPlace and mulInPlace take only a double: a whole one stands for a Python int.
    for alpha in (1.0, -0.5):
        case("addInPlace", [tensor(a, da), tensor(b, db)], {"alpha": alpha},
             lambda x, y, al=alpha: x.clone().add_(y, alpha=int(al) if al.is_integer() else al))
    case("copyFrom", [tensor(a, da), tensor(b, db)], {}, lambda x, y: x.clone().copy_(y))
for s, dt in itertools.product(SMALL, DTYPES):
    for factor in (2.0, 0.5):
        case("mulInPlace", [tensor(s, dt)], {"factor": factor}, lambda x, f=factor: x.clone().mul_(int(f) if f.is_integer() else f))

# Convolution with a bias, and linear: the bias must have one value per output feature.
for x, w in [([1, 1, 4, 4], [2, 1, 3, 3]), ([2, 2, 5, 3], [1, 2, 1, 1]), ([1, 1, 4, 4], [0, 1, 1, 1])]:
    for bias in ([w[0]], [w[0] + 1], [1, w[0]], [], [1]):
        case("conv2dBias", [tensor(x), tensor(w), tensor(bias)], {"stride": 1, "padding": 1, "dilation": 1, "groups": 1},
             lambda a, b, c: F.conv2d(a, b, c, 1, 1, 1, 1))
for x, w in itertools.product([[3], [2, 3], [4, 2, 3], [], [0, 3], [2, 0], [2, 4]],
                              [[5, 3], [3], [3, 5], [0, 3], [5, 0], [1, 3], [2, 5, 3]]):
    for bias in (None, [w[0]] if w else [1], [1], [2], [] if random.random() < 0.3 else None):
        inputs = [tensor(x), tensor(w)] + ([tensor(bias)] if bias is not None else [])
        case("linear", inputs, {}, lambda a, b, c=None: F.linear(a, b, c))
    for dt in ("int64",):
        if x == [2, 3] and w == [5, 3]:
            case("linear", [tensor(x, dt), tensor(w)], {}, lambda a, b: F.linear(a, b))

# Factories: negative, zero and 0-d shapes; dtypes a factory refuses (random integers).
FACTORY_SHAPES = [[], [0], [3], [2, 3], [2, 0], [-1], [2, -3], [1, 1, 1]]
for shape, dt in itertools.product(FACTORY_SHAPES, ["float64", "float32", "int64", "bool"]):
    case("zeros", [], {"dtype": dt, "shape": shape}, lambda sh=shape, d=dt: torch.zeros(sh, dtype=getattr(torch, d)))
    case("ones", [], {"dtype": dt, "shape": shape}, lambda sh=shape, d=dt: torch.ones(sh, dtype=getattr(torch, d)))
    for value in (2.5, -1.0, 0.0):
        case("full", [], {"dtype": dt, "value": value, "shape": shape},
             lambda sh=shape, d=dt, v=value: torch.full(sh, v, dtype=getattr(torch, d)))
    case("empty", [], {"dtype": dt, "shape": shape}, lambda sh=shape, d=dt: torch.empty(sh, dtype=getattr(torch, d)),
         shape_only=True)
    case("rand", [], {"dtype": dt, "shape": shape}, lambda sh=shape, d=dt: torch.rand(sh, dtype=getattr(torch, d)),
         shape_only=True)
    case("randn", [], {"dtype": dt, "shape": shape}, lambda sh=shape, d=dt: torch.randn(sh, dtype=getattr(torch, d)),
         shape_only=True)
for n, dt in itertools.product((0, 1, 3, -1), ["float32", "int64", "bool"]):
    case("eye", [], {"n": n, "dtype": dt}, lambda n=n, d=dt: torch.eye(n, dtype=getattr(torch, d)))
for value, dt in itertools.product((2.7, -2.7, 0.0, math.inf, -0.0), ["float64", "float32", "int64", "bool"]):
    if not (dt == "int64" and math.isinf(value)):
        case("scalar", [], {"value": encode(value), "dtype": dt},
             lambda v=value, d=dt: torch.tensor(v, dtype=getattr(torch, d)))
for s, dt in itertools.product(SMALL, DTYPES):
    case("zerosLike", [tensor(s, dt)], {}, torch.zeros_like)
    case("onesLike", [tensor(s, dt)], {}, torch.ones_like)
for n, shape in itertools.product((0, 1, 6), ([], [6], [2, 3], [3, 2], [0], [1, 0], [6, 1], [-6], [2, -3])):
    data = [round(random.uniform(-2, 2), 6) for _ in range(n)]
    # of(data) with no shape is 1-d, as torch.tensor(data) is; with one, the data reshaped to it.
    case("of", [], {"data": data, "shape": shape},
         lambda d=data, sh=shape: torch.tensor(d) if not sh else torch.tensor(d).reshape(sh))
# of(double[][]): rows of equal length make a matrix; ragged rows are refused, as torch.tensor refuses them.
# (No rows at all is left out: a Java double[0][] is [0, 0], a Python [] has no second dim to say.)
for rows in ([[1.5, 2.0, -1.0], [0.0, 3.0, 4.0]], [[1.0, 2.0], [3.0]], [[]], [[], []], [[1.0], []], [[2.0]]):
    case("ofRows", [], {"rows": rows}, lambda r=rows: torch.tensor(r))
for start, end, step in [(0, 5, 1), (0, 5, 0.5), (5, 0, -1), (0, 5, -1)]:
    case("arangeFloat32", [], {"start": start, "end": end, "step": step},
         lambda s=start, e=end, st=step: torch.arange(s, e, st, dtype=torch.float32))


# Autograd entry points that take a tensor: a gradient or tangent must match the tensor's shape
# (and dtype); backward() without one needs a one-element output.
for a, b in [([2, 3], [2, 3]), ([2, 3], [3]), ([2, 3], [3, 2]), ([], []), ([], [1]), ([0], [0]), ([3], [])]:
    def set_grad(x, g):
        x = x.clone().requires_grad_()
        x.grad = g
        return x.grad

    def with_tangent(x, t):
        with fwAD.dual_level():
            return fwAD.unpack_dual(fwAD.make_dual(x, t)).tangent.clone()

    def backward(x, g=None):
        x = x.clone().requires_grad_()
        (x * 2).backward(g)
        return x.grad

    for db in ("float64", "int64"):
        case("setGrad", [tensor(a), tensor(b, db)], {}, set_grad)
        case("withTangent", [tensor(a), tensor(b, db)], {}, with_tangent)
        case("backward", [tensor(a), tensor(b, db)], {}, backward)
    case("backward", [tensor(b)], {}, backward)

# The first ops again with int64 and bool operands, and indices of the wrong dtype: where PyTorch
# counts in int64, computes in float32, or refuses.
for s, dt in itertools.product([[], [0], [3], [2, 3], [2, 0]], ["int64", "bool"]):
    t = tensor(s, dt)
    r = len(s)
    case("sumAll", [t], {}, torch.sum)
    for d in (0, -1):
        case("sum", [t], {"dims": [d], "keepDim": False}, lambda x, d=d: x.sum(dim=[d]))
        case("mean", [t], {"dims": [d], "keepDim": False}, lambda x, d=d: x.mean(dim=[d]))
        case("var", [t], {"dims": [d], "correction": 1, "keepDim": False}, lambda x, d=d: torch.var(x, dim=[d]))
        case("std", [t], {"dims": [d], "correction": 0, "keepDim": True},
             lambda x, d=d: torch.std(x, dim=[d], unbiased=False, keepdim=True))
        case("softmax", [t], {"dim": d}, lambda x, d=d: torch.softmax(x, d))
        case("logSoftmax", [t], {"dim": d}, lambda x, d=d: torch.log_softmax(x, d))
        case("logSumExp", [t], {"dim": d, "keepDim": False}, lambda x, d=d: torch.logsumexp(x, d))
        case("triu", [t], {"k": d}, lambda x, d=d: torch.triu(x, d))
        case("unsqueeze", [t], {"dim": d}, lambda x, d=d: x.unsqueeze(d))
        case("transpose", [t], {"dim0": 0, "dim1": d}, lambda x, d=d: x.transpose(0, d))
    case("flatten", [t], {}, torch.flatten)
    case("reshape", [t], {"shape": [-1]}, lambda x: x.reshape(-1))
    case("expand", [t], {"shape": [2] + s}, lambda x, sh=[2] + s: x.expand(sh))
    case("pad", [t], {"padding": [1, 1], "value": 0.5}, lambda x: F.pad(x, [1, 1], value=0.5))
    for u, du in itertools.product([[3], [2, 3]], DTYPES):
        case("matmul", [t, tensor(u, du)], {}, torch.matmul)
    for du in DTYPES:
        case("cat", [t, tensor(s, du)], {"dim": 0}, lambda x, y: torch.cat([x, y], 0))
        case("stack", [t, tensor(s, du)], {"dim": 0}, lambda x, y: torch.stack([x, y], 0))
for s in ([3], [2, 3]):
    t = tensor(s)
    for idt in ("float64", "bool", "int64"):
        index = {"shape": [2], "dtype": idt, "data": [0, 1] if idt != "bool" else [True, False]}
        if idt == "float64":
            index["data"] = [0.0, 1.0]
        case("indexSelect", [t, index], {"dim": 0}, lambda x, i: torch.index_select(x, 0, i))
        gidx = {"shape": s, "dtype": idt, "data": ([0.0] if idt == "float64" else [False] if idt == "bool" else [0]) * math.prod(s)}
        case("gather", [t, gidx], {"dim": 0}, lambda x, i: torch.gather(x, 0, i))
for x, w, dx, dw in [([1, 1, 4, 4], [1, 1, 3, 3], "int64", "float64"), ([1, 1, 4, 4], [1, 1, 3, 3], "float64", "int64"),
                     ([1, 1, 4, 4], [1, 1, 3, 3], "int64", "int64")]:
    case("conv2d", [tensor(x, dx), tensor(w, dw)], {"stride": 1, "padding": 0, "dilation": 1, "groups": 1},
         lambda a, b: F.conv2d(a, b))
for dx in ("int64", "bool"):
    case("maxPool2d", [tensor([1, 1, 4, 4], dx)], {"kernel": 2, "stride": 2, "padding": 0}, lambda a: F.max_pool2d(a, 2, 2, 0))
    case("avgPool2d", [tensor([1, 1, 4, 4], dx)], {"kernel": 2, "stride": 2, "padding": 0}, lambda a: F.avg_pool2d(a, 2, 2, 0))

# Views: contiguous() and as_strided over the input's own storage (sizes, strides and offsets that
# fit, that reach past the end, that are negative or of the wrong length).
for s in ([6], [2, 3], [0], []):
    t = tensor(s)
    case("contiguous", [t], {}, lambda x: x.contiguous())
    for size, stride, offset in [([2, 2], [1, 2], 0), ([3], [2], 0), ([2], [1], 4), ([7], [1], 0), ([2, 3], [0, 1], 0),
                                 ([2], [-1], 1), ([2], [1], -1), ([0], [1], 9), ([2, 2], [1], 0), ([], [], 0),
                                 ([1, 1], [5, 5], 0)]:
        case("asStrided", [t], {"size": size, "stride": stride, "offset": offset},
             lambda x, a=size, b=stride, c=offset: torch.as_strided(x, a, b, c))

with open("op_corpus.json", "w") as f:
    json.dump({"generator": "make_op_corpus.py", "torch": torch.__version__, "cases": CASES}, f, separators=(",", ":"))
    f.write("\n")
print(len(CASES), "cases,", sum(not c["ok"] for c in CASES), "rejected by PyTorch")
