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
  tangent, jvp         a random v shaped like the input, and J_input v (forward mode)
  state_after          the state dict after the pass (running statistics change in training)
Every tensor is {"shape": [...], "data": [flat, row-major]}, with "dtype" unless float64.
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
    out = {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}
    if t.dtype != torch.float64:
        out["dtype"] = str(t.dtype).replace("torch.", "")
    return out


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


def case(name, layer, args, module, input_shape, training=True, input_scale=1.0, input_offset=0.0):
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
    out = module(x)
    u = torch.randn_like(out)
    params = dict(module.named_parameters())
    grads = torch.autograd.grad(out, [x] + list(params.values()), u, retain_graph=True)
    state_after = {k: enc(v) for k, v in module.state_dict().items()}
    # Forward mode by the double-vjp identity: g(u) = J^T u is linear in u, and d/du <g(u), v> = J v.
    v = torch.randn_like(x)
    w = torch.zeros_like(out).requires_grad_(True)
    (g,) = torch.autograd.grad(out, x, w, create_graph=True)
    (jvp_out,) = torch.autograd.grad(g, w, v)
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
        "tangent": enc(v),
        "jvp": enc(jvp_out),
        "state_after": state_after,
    }


def layer_norm_no_bias(shape, eps):
    return Manual(lambda m, x: F.layer_norm(x, shape, m.weight, None, eps), weight=torch.ones(shape))


def rms_norm(shape, eps, affine):
    """torch.nn.RMSNorm (PyTorch 2.4): x / sqrt(mean(x^2 over the last dims) + eps) * weight, eps None = finfo eps."""
    dims = tuple(range(-len(shape), 0))

    def fn(m, x):
        e = torch.finfo(x.dtype).eps if eps is None else eps
        y = x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + e)
        return y * m.weight if affine else y

    return Manual(fn, weight=torch.ones(shape) if affine else None)


def ln(shape, eps=1e-5, affine=True, bias=True):
    return {"normalizedShape": shape, "eps": eps, "elementwiseAffine": affine, "bias": bias}


def conv1d(cin, cout, k, stride=1, padding=0, dilation=1, groups=1, bias=True):
    args = {"inChannels": cin, "outChannels": cout, "kernelSize": k, "stride": stride, "padding": padding,
            "dilation": dilation, "groups": groups, "bias": bias}
    return args, torch.nn.Conv1d(cin, cout, k, stride=stride, padding=padding, dilation=dilation, groups=groups, bias=bias)


def avg_pool(k, stride=None, padding=0, count_include_pad=True, divisor_override=None):
    args = {"kernelSize": k, "stride": k if stride is None else stride, "padding": padding,
            "countIncludePad": count_include_pad, "divisorOverride": divisor_override}
    return args, torch.nn.AvgPool2d(k, stride, padding, count_include_pad=count_include_pad,
                                    divisor_override=divisor_override)


def bn_args(c, eps=1e-5, momentum=0.1, affine=True, track=True):
    return {"numFeatures": c, "eps": eps, "momentum": momentum, "affine": affine, "trackRunningStats": track}


def bn(cls, c, eps=1e-5, momentum=0.1, affine=True, track=True):
    return bn_args(c, eps, momentum, affine, track), cls(c, eps=eps, momentum=momentum, affine=affine,
                                                         track_running_stats=track)


cases = [
    case("LayerNorm [5]", "LayerNorm", ln([5]), torch.nn.LayerNorm([5]), [3, 5]),
    case("LayerNorm [3, 4] eps 1e-3", "LayerNorm", ln([3, 4], eps=1e-3), torch.nn.LayerNorm([3, 4], eps=1e-3),
         [2, 2, 3, 4], input_scale=3.0, input_offset=2.0),
    case("LayerNorm [6] no affine", "LayerNorm", ln([6], affine=False), torch.nn.LayerNorm([6], elementwise_affine=False),
         [4, 6]),
    case("LayerNorm [4] unbatched", "LayerNorm", ln([4]), torch.nn.LayerNorm([4]), [4]),
    case("LayerNorm [7] no bias", "LayerNorm", ln([7], bias=False), layer_norm_no_bias([7], 1e-5), [2, 3, 7]),

    case("RMSNorm [5] eps None", "RMSNorm", {"normalizedShape": [5], "eps": None, "elementwiseAffine": True},
         rms_norm([5], None, True), [3, 5]),
    case("RMSNorm [2, 3] eps 1e-6", "RMSNorm", {"normalizedShape": [2, 3], "eps": 1e-6, "elementwiseAffine": True},
         rms_norm([2, 3], 1e-6, True), [4, 2, 3], input_scale=2.0, input_offset=1.0),
    case("RMSNorm [4] no affine", "RMSNorm", {"normalizedShape": [4], "eps": 1e-3, "elementwiseAffine": False},
         rms_norm([4], 1e-3, False), [3, 4]),

    case("GroupNorm 2 groups of [3, 4, 5]", "GroupNorm", {"numGroups": 2, "numChannels": 4, "eps": 1e-5, "affine": True},
         torch.nn.GroupNorm(2, 4), [3, 4, 5]),
    case("GroupNorm 3 groups of [2, 6, 2, 3]", "GroupNorm", {"numGroups": 3, "numChannels": 6, "eps": 1e-3, "affine": True},
         torch.nn.GroupNorm(3, 6, eps=1e-3), [2, 6, 2, 3], input_scale=2.0, input_offset=-1.0),
    case("GroupNorm 1 group no affine [2, 4]", "GroupNorm", {"numGroups": 1, "numChannels": 4, "eps": 1e-5, "affine": False},
         torch.nn.GroupNorm(1, 4, affine=False), [2, 4]),
    case("GroupNorm per channel [2, 3, 4]", "GroupNorm", {"numGroups": 3, "numChannels": 3, "eps": 1e-5, "affine": True},
         torch.nn.GroupNorm(3, 3), [2, 3, 4]),

    case("Conv1d 3->4 k3", "Conv1d", *conv1d(3, 4, 3), [2, 3, 7]),
    case("Conv1d 4->6 k3 stride 2 padding 2 dilation 2 groups 2", "Conv1d",
         *conv1d(4, 6, 3, stride=2, padding=2, dilation=2, groups=2), [2, 4, 9]),
    case("Conv1d 2->3 k2 no bias padding 1", "Conv1d", *conv1d(2, 3, 2, padding=1, bias=False), [3, 2, 5]),
    case("Conv1d unbatched", "Conv1d", *conv1d(3, 2, 3, stride=2), [3, 8]),

    case("AvgPool2d 2", "AvgPool2d", *avg_pool(2), [1, 2, 4, 4]),
    case("AvgPool2d 3 stride 2 padding 1", "AvgPool2d", *avg_pool(3, 2, 1), [2, 1, 5, 5]),
    case("AvgPool2d 3 stride 2 padding 1 exclude pad", "AvgPool2d", *avg_pool(3, 2, 1, count_include_pad=False),
         [2, 1, 5, 6]),
    case("AvgPool2d 2 stride 1 divisor 3", "AvgPool2d", *avg_pool(2, 1, 0, divisor_override=3), [1, 2, 3, 4]),
    case("AvgPool2d unbatched", "AvgPool2d", *avg_pool(2), [2, 4, 6]),

    case("AdaptiveAvgPool2d 3 of 7x5", "AdaptiveAvgPool2d", {"outputSize": [3, 3]}, torch.nn.AdaptiveAvgPool2d(3),
         [1, 2, 7, 5]),
    case("AdaptiveAvgPool2d (2, 4) of 6x8", "AdaptiveAvgPool2d", {"outputSize": [2, 4]},
         torch.nn.AdaptiveAvgPool2d((2, 4)), [2, 1, 6, 8]),
    case("AdaptiveAvgPool2d global", "AdaptiveAvgPool2d", {"outputSize": [1, 1]}, torch.nn.AdaptiveAvgPool2d(1),
         [2, 3, 4, 5]),
    case("AdaptiveAvgPool2d 4 of 3x3 (overlapping)", "AdaptiveAvgPool2d", {"outputSize": [4, 4]},
         torch.nn.AdaptiveAvgPool2d(4), [1, 1, 3, 3]),
    case("AdaptiveAvgPool2d unbatched", "AdaptiveAvgPool2d", {"outputSize": [2, 3]}, torch.nn.AdaptiveAvgPool2d((2, 3)),
         [2, 5, 7]),

    case("BatchNorm1d [4, 3] train", "BatchNorm1d", *bn(torch.nn.BatchNorm1d, 3), [4, 3], input_scale=2.0, input_offset=1.0),
    case("BatchNorm1d [4, 3, 5] train cumulative average", "BatchNorm1d", *bn(torch.nn.BatchNorm1d, 3, momentum=None),
         [4, 3, 5]),
    case("BatchNorm1d [4, 3, 5] eval", "BatchNorm1d", *bn(torch.nn.BatchNorm1d, 3), [4, 3, 5], training=False),
    case("BatchNorm1d [2, 3] train momentum 0.3 eps 1e-3", "BatchNorm1d", *bn(torch.nn.BatchNorm1d, 3, eps=1e-3, momentum=0.3),
         [2, 3]),
    case("BatchNorm2d [2, 3, 4, 4] train", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 3), [2, 3, 4, 4], input_offset=-2.0),
    case("BatchNorm2d [2, 3, 4, 4] eval", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 3), [2, 3, 4, 4], training=False),
    case("BatchNorm2d no affine train", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 2, affine=False), [3, 2, 2, 3]),
    case("BatchNorm2d no running stats train", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 2, track=False), [2, 2, 3, 3]),
    case("BatchNorm2d no running stats eval", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 2, track=False), [2, 2, 3, 3],
         training=False),
    case("BatchNorm2d [1, 2, 1, 2] train", "BatchNorm2d", *bn(torch.nn.BatchNorm2d, 2), [1, 2, 1, 2]),
]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "nn_layers.json"), "w") as f:
    json.dump({"generator": "nn_layers.py", "torch": torch.__version__, "dtype": "float64", "cases": cases}, f)
    f.write("\n")
print(len(cases), "cases")
