"""Writes nn_recurrent.json: PyTorch reference vectors for RNN, LSTM and GRU of autodiff-nn.

Run with Debian's torch 1.13: /usr/bin/python3 nn_recurrent.py (from this directory).

Each case builds a layer in float64 with PyTorch's default initialisation, runs one forward pass
(with or without initial states) and records:
  layer, args          "RNN", "LSTM" or "GRU" and its constructor arguments, with autodiff's names
  training             the mode of the forward pass (cases with dropout run in eval mode)
  state                the state dict, by PyTorch's names (what the Java side loads)
  input, h0, c0        the input and the initial states (h0/c0 absent: zeros, not passed)
  output, h_n, c_n     the output sequence and the final states
  cot_output, cot_h_n, cot_c_n   random cotangents u, v, w shaped like the results
  grad_input, grad_h0, grad_c0, grads
                       d (sum(u*output) + sum(v*h_n) + sum(w*c_n)) / d input, h0, c0 and each parameter
  tangent, jvp         a random tangent of the input, and J_input tangent of the output (forward mode)
Every tensor is {"shape": [...], "data": [flat, row-major]}.
"""
import json
import os

import torch

torch.manual_seed(20261202)
torch.set_default_dtype(torch.float64)


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, layer, args, input_shape, with_h0=True, with_c0=True, training=False):
    kwargs = dict(num_layers=args["numLayers"], bias=args["bias"], batch_first=args["batchFirst"],
                  dropout=args["dropout"], bidirectional=args["bidirectional"])
    if layer == "RNN":
        kwargs["nonlinearity"] = args["nonlinearity"]
    module = getattr(torch.nn, layer)(args["inputSize"], args["hiddenSize"], **kwargs)
    module.train(training)
    is_lstm = layer == "LSTM"
    d = 2 if args["bidirectional"] else 1
    batched = len(input_shape) == 3
    batch = (input_shape[0] if args["batchFirst"] else input_shape[1]) if batched else None
    state_shape = [args["numLayers"] * d] + ([batch] if batched else []) + [args["hiddenSize"]]
    x = torch.randn(*input_shape).requires_grad_(True)
    h0 = torch.randn(*state_shape).requires_grad_(True) if with_h0 else None
    c0 = torch.randn(*state_shape).requires_grad_(True) if is_lstm and with_c0 else None
    if is_lstm:
        if h0 is None and c0 is None:
            out, (hn, cn) = module(x)
        else:
            out, (hn, cn) = module(x, (h0, c0))
        results = [out, hn, cn]
    else:
        out, hn = module(x) if h0 is None else module(x, h0)
        results = [out, hn]
    cots = [torch.randn_like(r) for r in results]
    params = dict(module.named_parameters())
    wrt = [x] + [t for t in (h0, c0) if t is not None] + list(params.values())
    grads = list(torch.autograd.grad(results, wrt, cots, retain_graph=True))
    c = {
        "name": name,
        "layer": layer,
        "args": args,
        "training": training,
        "state": {k: enc(v) for k, v in module.state_dict().items()},
        "input": enc(x),
        "output": enc(out),
        "h_n": enc(hn),
        "cot_output": enc(cots[0]),
        "cot_h_n": enc(cots[1]),
        "grad_input": enc(grads.pop(0)),
    }
    if h0 is not None:
        c["h0"] = enc(h0)
        c["grad_h0"] = enc(grads.pop(0))
    if c0 is not None:
        c["c0"] = enc(c0)
        c["grad_c0"] = enc(grads.pop(0))
    if is_lstm:
        c["c_n"] = enc(cn)
        c["cot_c_n"] = enc(cots[2])
    c["grads"] = {n: enc(g) for n, g in zip(params.keys(), grads)}
    # Forward mode by the double-vjp identity: g(u) = J^T u is linear in u, and d/du <g(u), v> = J v.
    v = torch.randn_like(x)
    u = torch.zeros_like(out).requires_grad_(True)
    (g,) = torch.autograd.grad(out, x, u, create_graph=True)
    (jvp_out,) = torch.autograd.grad(g, u, v)
    c["tangent"] = enc(v)
    c["jvp"] = enc(jvp_out)
    return c


def args(i, h, layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, nonlinearity=None):
    a = {"inputSize": i, "hiddenSize": h, "numLayers": layers, "bias": bias, "batchFirst": batch_first,
         "dropout": dropout, "bidirectional": bidirectional}
    if nonlinearity is not None:
        a["nonlinearity"] = nonlinearity
    return a


cases = [
    case("RNN tanh", "RNN", args(3, 4, nonlinearity="tanh"), [5, 2, 3]),
    case("RNN relu no h0", "RNN", args(3, 4, nonlinearity="relu"), [4, 3, 3], with_h0=False),
    case("RNN tanh 2 layers bidirectional batchFirst", "RNN",
         args(2, 3, layers=2, batch_first=True, bidirectional=True, nonlinearity="tanh"), [2, 4, 2]),
    case("RNN relu no bias unbatched", "RNN", args(3, 2, bias=False, nonlinearity="relu"), [4, 3]),

    case("LSTM", "LSTM", args(3, 4), [5, 2, 3]),
    case("LSTM no initial state", "LSTM", args(2, 3), [4, 3, 2], with_h0=False, with_c0=False),
    case("LSTM 2 layers", "LSTM", args(3, 3, layers=2), [4, 2, 3]),
    case("LSTM bidirectional", "LSTM", args(2, 3, bidirectional=True), [3, 2, 2]),
    case("LSTM 2 layers bidirectional batchFirst", "LSTM",
         args(3, 2, layers=2, batch_first=True, bidirectional=True), [2, 5, 3]),
    case("LSTM no bias unbatched", "LSTM", args(2, 3, bias=False), [4, 2]),
    case("LSTM 3 layers dropout in eval", "LSTM", args(2, 2, layers=3, dropout=0.5), [3, 2, 2]),

    case("GRU", "GRU", args(3, 4), [5, 2, 3]),
    case("GRU no h0", "GRU", args(2, 3), [4, 3, 2], with_h0=False),
    case("GRU 2 layers bidirectional batchFirst", "GRU",
         args(3, 2, layers=2, batch_first=True, bidirectional=True), [2, 4, 3]),
    case("GRU no bias unbatched", "GRU", args(2, 3, bias=False), [3, 2]),
    case("GRU 2 layers bidirectional", "GRU", args(2, 3, layers=2, bidirectional=True), [6, 1, 2]),
]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "nn_recurrent.json"), "w") as f:
    json.dump({"generator": "nn_recurrent.py, torch " + torch.__version__, "dtype": "float64", "cases": cases}, f)
print(len(cases), "cases")
