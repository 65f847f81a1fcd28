"""Writes layer_ops.json: PyTorch (float64) values, VJPs and JVPs of the ops the layers need.

Run with Debian's torch 1.13: /usr/bin/python3 generate_layer_ops.py  (from this directory).

Same format as ops.json (see README.md): each case has the op's name, its inputs and shapes,
the output, a random cotangent u with the VJP Jᵢᵀu for each input, and random tangents vᵢ with
the JVP Σᵢ Jᵢvᵢ from PyTorch's forward mode (torch.autograd.forward_ad), so both modes' conventions
at kinks (a zero norm, a constant row's std, tied maxima) are PyTorch's own. Constant
arguments (a mask, k, p, dims) are fixed per case and stated in `args`; the Java test
(GoldenOpsTest) maps each name to the same call. The inputs hold the points where conventions
matter: 0 for the activations' kinks, a zero row and tied maxima for norms, a constant row for std.
"""
import json
import math

import torch
import torch.autograd.forward_ad as fwAD
import torch.nn.functional as F

torch.manual_seed(9)
dt = torch.float64


def nested(t):
    return t.tolist()


cases = []


def case(op, fn, inputs, args=None):
    leaves = [x.clone().to(dt).requires_grad_(True) for x in inputs]
    out = fn(*leaves)
    u = torch.randn(out.shape, dtype=dt)
    vjp = torch.autograd.grad(out, leaves, u, allow_unused=True)
    vjp = [torch.zeros_like(x) if g is None else g for g, x in zip(vjp, leaves)]
    tangents = [torch.randn(x.shape, dtype=dt) for x in leaves]
    with fwAD.dual_level():
        duals = [fwAD.make_dual(x.detach(), v) for x, v in zip(leaves, tangents)]
        jvp = fwAD.unpack_dual(fn(*duals)).tangent
    if jvp is None:
        jvp = torch.zeros_like(out)
    cases.append({"op": op, "args": args or {}, "inputs": [nested(x.detach()) for x in leaves],
                  "shapes": [list(x.shape) for x in leaves], "output": nested(out.detach()),
                  "cotangent": nested(u), "vjp": [nested(g.detach()) for g in vjp],
                  "tangents": [nested(v) for v in tangents], "jvp": nested(jvp.detach())})


x = torch.randn(3, 4, dtype=dt) * 2
x[0, 0] = 0.0   # the kinks' own point
case("silu", F.silu, [x])
case("elu", lambda t: F.elu(t, alpha=0.7), [x], {"alpha": 0.7})
case("elu_default", F.elu, [x], {"alpha": 1.0})
case("gelu_tanh", lambda t: F.gelu(t, approximate="tanh"), [x])
case("gelu", F.gelu, [x])
case("expm1", torch.expm1, [x * 0.01])
sp = torch.tensor([[-3.0, -0.5, 0.0, 1.0], [2.4, 2.5, 2.6, 6.0], [20.0, 25.0, -30.0, 0.3]], dtype=dt)
case("softplus_beta2_threshold5", lambda t: F.softplus(t, beta=2, threshold=5), [sp], {"beta": 2, "threshold": 5})
case("softplus_beta0.5_threshold3", lambda t: F.softplus(t, beta=0.5, threshold=3), [sp], {"beta": 0.5, "threshold": 3})

# masks: a bool mask that broadcasts; triangles of a batch of matrices
mask = torch.tensor([True, False, True, False])
case("masked_fill", lambda t: t.masked_fill(mask, -1.5), [x], {"mask": mask.tolist(), "value": -1.5})
case("masked_fill_value_tensor", lambda t, v: t.masked_fill(mask, v), [x, torch.tensor(0.25)], {"mask": mask.tolist()})
rows = torch.tensor([[True], [False], [True]])
case("masked_fill_column_mask", lambda t: t.masked_fill(rows, 2.0), [x], {"mask": rows.tolist(), "value": 2.0})
b = torch.randn(2, 3, 4, dtype=dt)
for k in [0, 1, -1, 5, -5]:
    case(f"triu_{k}", lambda t, k=k: torch.triu(t, k), [b], {"k": k})
    case(f"tril_{k}", lambda t, k=k: torch.tril(t, k), [b], {"k": k})

# norms: p = 1, 2, inf, general p, over dims, with a zero row and a tie (PyTorch's subgradients)
n = torch.randn(3, 4, dtype=dt)
n[1] = 0.0
n[2, 1] = 2.5
n[2, 3] = -2.5
n[2, 0] = 1.0
n[2, 2] = 0.5
# p is written as a string ("inf" for infinity, which JSON cannot hold as a number).
for p, name in [(0.0, "0"), (1.0, "1"), (2.0, "2"), (math.inf, "inf"), (3.0, "3"), (1.5, "1.5"), (0.5, "0.5")]:
    case(f"norm_p{name}_dim1", lambda t, p=p: torch.norm(t, p=p, dim=1), [n], {"p": name, "dims": [1], "keepDim": False})
    case(f"norm_p{name}_dim0_keepdim", lambda t, p=p: torch.norm(t, p=p, dim=0, keepdim=True), [n],
         {"p": name, "dims": [0], "keepDim": True})
    case(f"norm_p{name}_all", lambda t, p=p: torch.norm(t, p=p), [n[2:]], {"p": name, "dims": None, "keepDim": False})
    case(f"norm_p{name}_all_zeros", lambda t, p=p: torch.norm(t, p=p), [n[1:2]], {"p": name, "dims": None, "keepDim": False})

# std with a constant row (std 0: PyTorch's subgradient 0)
s = torch.randn(3, 4, dtype=dt)
s[1] = 0.75
case("std_all", lambda t: t.std(), [s], {"dims": None, "correction": 1, "keepDim": False})
case("std_dim1_correction0", lambda t: torch.std(t, dim=1, unbiased=False), [s], {"dims": [1], "correction": 0, "keepDim": False})
case("std_dim1_keepdim", lambda t: torch.std(t, dim=1, keepdim=True), [s], {"dims": [1], "correction": 1, "keepDim": True})
case("std_dims01", lambda t: torch.std(t, dim=(0, 1)), [s], {"dims": [0, 1], "correction": 1, "keepDim": False})
case("std_dim0_keepdim", lambda t: torch.std(t, dim=0, keepdim=True), [s], {"dims": [0], "correction": 1, "keepDim": True})
case("std_dim1_correction2", lambda t: torch.std(t, dim=1, correction=2), [s], {"dims": [1], "correction": 2, "keepDim": False})

with open("layer_ops.json", "w") as f:
    json.dump({"generator": "generate_layer_ops.py, torch " + torch.__version__, "dtype": "float64", "cases": cases},
              f, indent=1)
print(len(cases), "cases")
