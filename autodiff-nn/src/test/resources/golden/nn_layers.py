"""Writes nn_layers.json: PyTorch reference vectors for the layers of autodiff-nn.

Run with Debian's torch 1.13: /usr/bin/python3 nn_layers.py (from this directory).

Each case builds a layer in float64, gives its parameters and buffers random values (so that
gradients are not trivially ones or zeros), runs one forward pass in the stated mode, and
records:
  layer, args          the layer and its constructor arguments, with autodiff's names
  training             the mode of the forward pass
  state                the state dict before the pass, by PyTorch's names (what the Java side loads)
  input, output        the input and the output
  cotangent            a random u shaped like the output
  grad_input, grads    d sum(u * output) / d input, and / d each parameter by name
  tangent, jvp         a random v shaped like the input, and J_input v (forward mode), or null
  state_after          the state dict after the pass (running statistics change in training)
Every tensor is {"shape": [...], "data": [flat, row-major]}.
"""
import json
import os

import torch
import torch.autograd.forward_ad as fwAD
import torch.nn.functional as F

torch.manual_seed(20240611)
torch.set_default_dtype(torch.float64)


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


class Manual(torch.nn.Module):
    """A layer torch 1.13 lacks, computed by hand from its definition in later PyTorch."""

    def __init__(self, fn, **params):
        super().__init__()
        self.fn = fn
        for name, value in params.items():
            if value is None:
                self.register_parameter(name, None)
            else:
                self.register_parameter(name, torch.nn.Parameter(value))

    def forward(self, x):
        return self.fn(self, x)


def case(name, layer, args, module, input_shape, training=True, input_scale=1.0, input_offset=0.0, jvp=True):
    module.train(training)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * 0.5 + 1.0)
        for bname, b in module.named_buffers():
            if bname.endswith("running_var"):
                b.copy_(torch.rand_like(b) + 0.5)
            elif bname.endswith("running_mean"):
                b.copy_(torch.randn_like(b))
            elif bname.endswith("num_batches_tracked"):
                b.fill_(3)
    state = {k: enc(v) for k, v in module.state_dict().items()}
    x = (torch.randn(*input_shape) * input_scale + input_offset).requires_grad_(True)
    before = {k: v.clone() for k, v in module.state_dict().items()}
    out = module(x)
    u = torch.randn_like(out)
    params = dict(module.named_parameters())
    grads = torch.autograd.grad(out, [x] + list(params.values()), u)
    state_after = {k: enc(v) for k, v in module.state_dict().items()}
    tangent, jvp_out = None, None
    if jvp:
        # Forward mode from the same state (a training pass above may have moved running statistics).
        with torch.no_grad():
            for k, v in module.state_dict().items():
                v.copy_(before[k])
        v = torch.randn_like(x)
        with fwAD.dual_level():
            dual = fwAD.make_dual(x.detach(), v)
            jvp_out = fwAD.unpack_dual(module(dual)).tangent
        tangent = enc(v)
        jvp_out = enc(jvp_out)
    return {
        "name": name,
        "layer": layer,
        "args": args,
        "training": training,
        "state": state,
        "input": enc(x),
        "output": enc(out),
        "cotangent": enc(u),
        "grad_input": enc(grads[0]),
        "grads": {n: enc(g) for n, g in zip(params.keys(), grads[1:])},
        "tangent": tangent,
        "jvp": jvp_out,
        "state_after": state_after,
    }


def layer_norm_no_bias(shape, eps):
    w = torch.ones(shape)
    return Manual(lambda m, x: F.layer_norm(x, shape, m.weight, None, eps), weight=w)


cases = [
    case("LayerNorm [5]", "LayerNorm", {"normalizedShape": [5], "eps": 1e-5, "elementwiseAffine": True, "bias": True},
         torch.nn.LayerNorm([5]), [3, 5]),
    case("LayerNorm [3, 4] eps 1e-3", "LayerNorm",
         {"normalizedShape": [3, 4], "eps": 1e-3, "elementwiseAffine": True, "bias": True},
         torch.nn.LayerNorm([3, 4], eps=1e-3), [2, 2, 3, 4], input_scale=3.0, input_offset=2.0),
    case("LayerNorm [6] no affine", "LayerNorm",
         {"normalizedShape": [6], "eps": 1e-5, "elementwiseAffine": False, "bias": True},
         torch.nn.LayerNorm([6], elementwise_affine=False), [4, 6]),
    case("LayerNorm [4] unbatched", "LayerNorm",
         {"normalizedShape": [4], "eps": 1e-5, "elementwiseAffine": True, "bias": True},
         torch.nn.LayerNorm([4]), [4]),
    case("LayerNorm [7] no bias", "LayerNorm",
         {"normalizedShape": [7], "eps": 1e-5, "elementwiseAffine": True, "bias": False},
         layer_norm_no_bias([7], 1e-5), [2, 3, 7]),
]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "nn_layers.json"), "w") as f:
    json.dump({"generator": "nn_layers.py", "torch": torch.__version__, "dtype": "float64", "cases": cases}, f)
    f.write("\n")
print(len(cases), "cases")
