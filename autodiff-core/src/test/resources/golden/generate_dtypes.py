"""Writes dtypes.json: PyTorch's results for int64 and bool tensors and for dtype promotion.

Run with Debian's torch 1.13: /usr/bin/python3 generate_dtypes.py  (from this directory).

Every case is {"name", "expr", "inputs", "output"}: `expr` is the PyTorch expression (for the
reader), `inputs` and `output` are tensors {"dtype", "shape", "values"} with the values flattened
row-major and written as strings (int64 exactly, floats as Java's Double.parseDouble reads them),
or "output": {"error": "..."} where PyTorch raises. The Java test (DTypesGoldenTest) maps each
name to the same expression in autodiff.

"promotion" lists, for operand kinds (a tensor with dims, a 0-d tensor, a Python int or float)
and the four dtypes, the dtype of add/sub/mul/div/eq/where as torch.result_type gives it.
"""
import json
import math

import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}
NAMES = {v: k for k, v in DTYPES.items()}


def enc(v, dtype):
    if dtype == torch.bool:
        return "true" if v else "false"
    if dtype == torch.int64:
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def tensor(t):
    return {"dtype": NAMES[t.dtype], "shape": list(t.shape),
            "values": [enc(v, t.dtype) for v in t.reshape(-1).tolist()]}


cases = []


def case(name, expr, fn, *inputs):
    try:
        out = fn(*inputs)
        output = tensor(out)
    except RuntimeError as e:
        output = {"error": str(e).split("\n")[0]}
    cases.append({"name": name, "expr": expr, "inputs": [tensor(t) for t in inputs], "output": output})


BIG = 2 ** 53 + 1          # not a double
HUGE = 2 ** 62 + 3          # sums of two wrap around

f64 = torch.tensor([[2.7, -2.7, 0.0], [1e10, -0.5, 3.0]], dtype=torch.float64)
f32 = torch.tensor([1.5, -0.25, 2.0], dtype=torch.float32)
nonfinite = torch.tensor([float("nan"), float("inf"), float("-inf"), 1e19, -1e19, 0.75], dtype=torch.float64)
i64 = torch.tensor([[BIG, -3, 0], [HUGE, 7, -HUGE]], dtype=torch.int64)
small = torch.tensor([3, -2, 0, 5], dtype=torch.int64)
b = torch.tensor([True, False, True, False])
b2 = torch.tensor([True, True, False, False])

# ---- casts among the four dtypes
for src_name, src in [("float64", f64), ("float32", f32), ("nonfinite", nonfinite), ("int64", i64), ("bool", b)]:
    for dst in ["float32", "float64", "int64", "bool"]:
        case(f"to_{dst}_from_{src_name}", f"x.to(torch.{dst})", lambda x, d=dst: x.to(DTYPES[d]), src)

# ---- exact int64 arithmetic and reductions (values beyond 2^53, wrap-around)
i64b = torch.tensor([[1, 2, 3], [HUGE, -1, HUGE]], dtype=torch.int64)
case("add_int64", "a + b", lambda x, y: x + y, i64, i64b)
case("sub_int64", "a - b", lambda x, y: x - y, i64, i64b)
case("mul_int64", "a * b", lambda x, y: x * y, i64, i64b)
case("add_int64_broadcast", "a + b", lambda x, y: x + y, i64, torch.tensor([10, BIG, -1]))
case("neg_int64", "-a", lambda x: -x, i64)
case("abs_int64", "a.abs()", lambda x: x.abs(), i64)
case("sign_int64", "a.sign()", lambda x: x.sign(), i64)
case("relu_int64", "a.relu()", lambda x: x.relu(), i64)
case("sum_int64", "a.sum()", lambda x: x.sum(), i64)
case("sum_int64_dim1", "a.sum(dim=1)", lambda x: x.sum(dim=1), i64)
case("sum_int64_dim0_keepdim", "a.sum(dim=0, keepdim=True)", lambda x: x.sum(dim=0, keepdim=True), i64)
case("max_int64", "a.max()", lambda x: x.max(), i64)
case("min_int64", "a.min()", lambda x: x.min(), i64)
case("max_int64_dim1_values", "a.max(dim=1).values", lambda x: x.max(dim=1).values, i64)
case("max_int64_dim1_indices", "a.max(dim=1).indices", lambda x: x.max(dim=1).indices, i64)
case("min_int64_dim0_values", "a.min(dim=0).values", lambda x: x.min(dim=0).values, i64)
case("argmax_int64_dim0", "a.argmax(dim=0)", lambda x: x.argmax(dim=0), i64)
case("argmin_int64_dim1_keepdim", "a.argmin(dim=1, keepdim=True)", lambda x: x.argmin(dim=1, keepdim=True), i64)
case("div_int64", "a / b (true division)", lambda x, y: x / y, small, torch.tensor([2, 4, -3, 5]))
case("exp_int64", "a.exp()", lambda x: x.exp(), small)
case("sqrt_int64", "a.sqrt()", lambda x: x.sqrt(), small)
case("sigmoid_int64", "a.sigmoid()", lambda x: x.sigmoid(), small)
case("tanh_bool", "a.tanh()", lambda x: x.tanh(), b)
case("sum_bool", "a.sum()", lambda x: x.sum(), b)
case("sum_bool_dim1", "a.reshape(2, 2).sum(dim=1)", lambda x: x.reshape(2, 2).sum(dim=1), b)
case("max_bool", "a.max()", lambda x: x.max(), b)
case("min_bool", "a.min()", lambda x: x.min(), b)
case("add_bool", "a + b", lambda x, y: x + y, b, b2)
case("mul_bool", "a * b", lambda x, y: x * y, b, b2)
case("sub_bool", "a - b", lambda x, y: x - y, b, b2)
case("neg_bool", "-a", lambda x: -x, b)
case("sign_bool", "a.sign()", lambda x: x.sign(), b)
case("mul_bool_float32", "mask * x", lambda x, y: x * y, b2, torch.tensor([1.5, -2.0, float("inf"), 4.0]))
case("mul_bool_float64_broadcast", "mask[:, None] * x", lambda x, y: x[:, None] * y, b2,
     torch.tensor([[0.5, -1.0, 2.0]], dtype=torch.float64))

# ---- argmax/argmin of floating point: first index, NaN counts as the extreme
fl = torch.tensor([[1.0, 3.0, 3.0, -1.0], [float("nan"), 2.0, 5.0, 5.0], [0.0, -2.0, -2.0, 7.0]], dtype=torch.float64)
case("argmax_float64_dim1", "a.argmax(dim=1)", lambda x: x.argmax(dim=1), fl)
case("argmin_float64_dim1", "a.argmin(dim=1)", lambda x: x.argmin(dim=1), fl)
case("argmax_float64_dim0_keepdim", "a.argmax(dim=0, keepdim=True)", lambda x: x.argmax(dim=0, keepdim=True), fl)
case("max_float64_dim1_indices", "a.max(dim=1).indices", lambda x: x.max(dim=1).indices, fl)
case("argmax_float32_dim0", "a.float().argmax(dim=0)", lambda x: x.float().argmax(dim=0), fl)

# ---- comparisons: bool results, computed in the promoted dtype
ci = torch.tensor([BIG, 2 ** 53, 3, -4])
cf = torch.tensor([2.0 ** 53, 2.0 ** 53, 2.5, -4.0], dtype=torch.float64)
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    case(f"{op}_int64_int64", f"torch.{op}(a, b)", lambda x, y, o=op: getattr(torch, o)(x, y), ci, torch.tensor([2 ** 53] * 4))
    case(f"{op}_int64_float64", f"torch.{op}(a, b)", lambda x, y, o=op: getattr(torch, o)(x, y), ci, cf)
    case(f"{op}_float32_bool", f"torch.{op}(a, b)", lambda x, y, o=op: getattr(torch, o)(x, y),
         torch.tensor([1.0, 0.0, float("nan"), -1.0]), b)
case("eq_bool_bool", "a == b", lambda x, y: x == y, b, b2)
case("lt_bool_bool", "a < b", lambda x, y: x < y, b, b2)
case("gt_float32_nan_broadcast", "a[:, None] > b", lambda x, y: x[:, None] > y,
     torch.tensor([float("nan"), 1.0, 2.0]), torch.tensor([0.5, 1.5]))

# ---- logical ops over mixed dtypes
lf = torch.tensor([0.0, float("nan"), -0.5, 0.0])
case("logical_not_float32", "torch.logical_not(a)", torch.logical_not, lf)
case("logical_not_int64", "torch.logical_not(a)", torch.logical_not, small)
case("logical_not_bool", "torch.logical_not(a)", torch.logical_not, b)
case("logical_and_int64_float32", "torch.logical_and(a, b)", torch.logical_and, small, lf)
case("logical_or_bool_int64", "torch.logical_or(a, b)", torch.logical_or, b, small)
case("logical_xor_bool_float32", "torch.logical_xor(a, b)", torch.logical_xor, b, lf)

# ---- where: a bool condition, branches promoted
case("where_bool_int64_float32", "torch.where(c, a, b)", torch.where, b, small, torch.tensor([0.5, 1.5, 2.5, 3.5]))
case("where_bool_int64_int64", "torch.where(c, a, b)", torch.where, b, small, torch.tensor([HUGE, 1, 2, 3]))
case("where_bool_bool_bool", "torch.where(c, a, b)", torch.where, b, b2, torch.logical_not(b2))
case("where_int64_condition", "torch.where(c, a, b)", torch.where, small, f32[:1].expand(4).clone(), f32[:1].expand(4).clone())
case("where_float32_condition", "torch.where(c, a, b)", torch.where, lf, lf, lf)

# ---- indices: int64 index tensors
src = torch.arange(12, dtype=torch.float64).reshape(3, 4) / 4
case("gather_dim1", "x.gather(1, index)", lambda x, i: x.gather(1, i), src, torch.tensor([[3, 0], [1, 1], [2, 0]]))
case("gather_float_index", "x.gather(1, index.float())", lambda x, i: x.gather(1, i), src, torch.tensor([[3.0, 0.0]]))
case("index_select_dim0", "x.index_select(0, index)", lambda x, i: x.index_select(0, i), src, torch.tensor([2, 0, 2]))
case("index_select_int64_source", "x.index_select(1, index)", lambda x, i: x.index_select(1, i), i64, torch.tensor([2, 0]))
case("index_select_float_index", "x.index_select(0, index.float())", lambda x, i: x.index_select(0, i), src,
     torch.tensor([1.0]))

# ---- movement of int64 and bool tensors
case("cat_bool_int64", "torch.cat([a, b])", lambda x, y: torch.cat([x, y]), b, small)
case("cat_int64_float32", "torch.cat([a, b])", lambda x, y: torch.cat([x, y]), small, torch.tensor([0.5]))
case("stack_bool", "torch.stack([a, b], dim=1)", lambda x, y: torch.stack([x, y], dim=1), b, b2)
case("transpose_int64", "a.t()", lambda x: x.t(), i64)
case("pad_bool", "F.pad(a, (1, 2))", lambda x: torch.nn.functional.pad(x, (1, 2)), b)
case("pad_int64_value", "F.pad(a, (1, 1), value=2.5)", lambda x: torch.nn.functional.pad(x, (1, 1), value=2.5), small)
case("expand_bool", "a[:, None].expand(4, 3)", lambda x: x[:, None].expand(4, 3), b)
case("slice_int64", "a[:, 1::2]", lambda x: x[:, 1::2], i64)

# ---- ops that PyTorch does not define for integers
case("mean_int64", "a.mean()", lambda x: x.mean(), small)
case("softmax_int64", "a.softmax(0)", lambda x: x.softmax(0), small)
case("var_int64", "a.var()", lambda x: x.var(), small)

# ---- dtype promotion: result dtypes of binary ops by operand kind
values = {"float32": 1.5, "float64": -0.25, "int64": 3, "bool": True}
scalars = {"int": 2, "float": 2.5}


def make(dtype, kind):
    return torch.tensor([values[dtype], values[dtype]], dtype=DTYPES[dtype]) if kind == "tensor" \
        else torch.tensor(values[dtype], dtype=DTYPES[dtype])


ops = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y, "mul": lambda x, y: x * y, "div": lambda x, y: x / y,
       "eq": lambda x, y: x == y, "lt": lambda x, y: x < y}
promotion = []
for da in DTYPES:
    for ka in ["tensor", "zero_dim"]:
        others = [(db, kb) for db in DTYPES for kb in ["tensor", "zero_dim"]] + [(None, "int"), (None, "float")]
        for db, kb in others:
            x = make(da, ka)
            y = scalars[kb] if db is None else make(db, kb)
            row = {"a": {"dtype": da, "kind": ka}, "b": {"dtype": db, "kind": kb}, "results": {}}
            for name, fn in ops.items():
                try:
                    row["results"][name] = NAMES[fn(x, y).dtype]
                except RuntimeError:
                    row["results"][name] = "error"
            if db is not None:
                row["results"]["where"] = NAMES[torch.where(torch.tensor(True), x, y).dtype]
            promotion.append(row)

with open("dtypes.json", "w") as f:
    json.dump({"generator": "generate_dtypes.py, torch " + torch.__version__, "cases": cases, "promotion": promotion},
              f, indent=1)
print(len(cases), "cases,", len(promotion), "promotion rows")
