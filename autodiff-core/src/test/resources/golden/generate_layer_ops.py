"""Writes layer_ops.json: PyTorch (float64) values, VJPs and JVPs of the ops the layers need.

Run with Debian's torch 1.13: /usr/bin/python3 generate_layer_ops.py  (from this directory).

Same format as ops.json (see README.md): each case has the op's name, its inputs and shapes,
the output, a random cotangent u with the VJP Jᵢᵀu for each input, and random tangents vᵢ with
the JVP Σᵢ Jᵢvᵢ from PyTorch's forward mode (torch.autograd.forward_ad), so both modes' conventions
at kinks (a zero norm, a constant row's std, tied maxima) are PyTorch's own. Constant
arguments (a mask, k, p, dims) are fixed per case and stated in `args`; the Java test maps each
name to the same call.
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

with open("layer_ops.json", "w") as f:
    json.dump({"generator": "generate_layer_ops.py, torch " + torch.__version__, "dtype": "float64", "cases": cases},
              f, indent=1)
print(len(cases), "cases")
