"""Writes nn_losses.json: PyTorch reference vectors for the losses of autodiff-nn (nn.loss.Losses).

Run with Debian's torch 1.13: /usr/bin/python3 nn_losses.py (from this directory).

Each case calls one torch.nn.functional loss in float64 and records:
  name, loss, args     the case, the loss (autodiff's name) and its keyword arguments (autodiff's names)
  input, target        the loss's inputs; class-index targets carry "dtype": "int64"
  weight               the class or element weight, or null
  output               the loss
  cotangent            a random u shaped like the output
  grad_input           d sum(u * output) / d input
  grad_target          d sum(u * output) / d target for a floating point target, else null (also for
                       KL targets holding zeros, where torch 1.13's target gradient is NaN)
  tangent_input, tangent_target, jvp
                       random tangents of input (and of a floating point target, else null) and the
                       forward-mode derivative J_input v_input + J_target v_target
Every tensor is {"shape": [...], "data": [flat, row-major]}, with "dtype" unless float64.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240612)
torch.set_default_dtype(torch.float64)


def enc(t):
    if t is None:
        return None
    t = t.detach()
    out = {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}
    if t.dtype != torch.float64:
        out["dtype"] = str(t.dtype).replace("torch.", "")
    return out


def case(name, loss, fn, x, target, weight=None, args=None, target_grad=True):
    x = x.detach().requires_grad_(True)
    floating = target.is_floating_point() and target_grad
    if floating:
        target = target.detach().requires_grad_(True)
    diff = [x] + ([target] if floating else [])
    out = fn(x, target)
    u = torch.randn_like(out)
    grads = torch.autograd.grad(out, diff, u, retain_graph=True)
    # Forward mode by the double-vjp identity: g(w) = J^T w is linear in w, and d/dw <g(w), v> = J v.
    tangents = [torch.randn_like(d) for d in diff]
    w = torch.zeros_like(out).requires_grad_(True)
    gs = torch.autograd.grad(out, diff, w, create_graph=True)
    jvp = torch.autograd.grad(gs, w, tangents)[0]
    return {
        "name": name,
        "loss": loss,
        "args": args or {},
        "input": enc(x),
        "target": enc(target),
        "weight": enc(weight),
        "output": enc(out),
        "cotangent": enc(u),
        "grad_input": enc(grads[0]),
        "grad_target": enc(grads[1]) if floating else None,
        "tangent_input": enc(tangents[0]),
        "tangent_target": enc(tangents[1]) if floating else None,
        "jvp": enc(jvp),
    }


def red(r):
    return {"reduction": r}


def probs(*shape):
    return torch.rand(*shape) * 0.9 + 0.05


def softmax_target(*shape, dim=1):
    return torch.softmax(torch.randn(*shape) * 2, dim=dim)


cases = []
for r in ["mean", "sum", "none"]:
    a, b = torch.randn(3, 4), torch.randn(3, 4)
    cases.append(case("l1 " + r, "l1Loss", lambda x, t: F.l1_loss(x, t, reduction=r), a, b, args=red(r)))
for beta in [1.0, 0.5, 0.0]:
    a, b = torch.randn(4, 5) * 2, torch.randn(4, 5)
    cases.append(case("smoothL1 beta %g" % beta, "smoothL1Loss",
                      lambda x, t: F.smooth_l1_loss(x, t, beta=beta), a, b, args={"beta": beta, "reduction": "mean"}))
a, b = torch.randn(2, 3, 4) * 2, torch.randn(2, 3, 4)
cases.append(case("smoothL1 beta 2 sum", "smoothL1Loss", lambda x, t: F.smooth_l1_loss(x, t, beta=2.0, reduction="sum"),
                  a, b, args={"beta": 2.0, "reduction": "sum"}))
for delta in [1.0, 0.3]:
    a, b = torch.randn(4, 5) * 2, torch.randn(4, 5)
    cases.append(case("huber delta %g none" % delta, "huberLoss",
                      lambda x, t: F.huber_loss(x, t, delta=delta, reduction="none"), a, b,
                      args={"delta": delta, "reduction": "none"}))

# Binary cross-entropy on probabilities, with soft targets, with and without an element weight.
cases.append(case("bce mean", "binaryCrossEntropy", lambda x, t: F.binary_cross_entropy(x, t), probs(4, 3), torch.rand(4, 3),
                  args=red("mean")))
wb = torch.rand(3) + 0.5
cases.append(case("bce weight [3] sum", "binaryCrossEntropy",
                  lambda x, t: F.binary_cross_entropy(x, t, weight=wb, reduction="sum"), probs(4, 3), torch.rand(4, 3),
                  weight=wb, args=red("sum")))
wb2 = torch.rand(4, 1) + 0.5
cases.append(case("bce weight [4, 1] none", "binaryCrossEntropy",
                  lambda x, t: F.binary_cross_entropy(x, t, weight=wb2, reduction="none"), probs(4, 3),
                  (torch.rand(4, 3) > 0.5).double(), weight=wb2, args=red("none")))

# KL divergence: input log-probabilities, target probabilities (with zeros) or log-probabilities.
for r in ["batchmean", "mean", "sum", "none"]:
    t = softmax_target(3, 5)
    t[0, 1] = 0.0
    t[2, 4] = 0.0
    cases.append(case("klDiv " + r, "klDiv", lambda x, tt: F.kl_div(x, tt, reduction=r),
                      torch.log_softmax(torch.randn(3, 5), 1), softmax_target(3, 5), args={"reduction": r, "logTarget": False}))
    cases.append(case("klDiv zero targets " + r, "klDiv", lambda x, tt: F.kl_div(x, tt, reduction=r),
                      torch.log_softmax(torch.randn(3, 5), 1), t, args={"reduction": r, "logTarget": False}, target_grad=False))
cases.append(case("klDiv logTarget batchmean", "klDiv", lambda x, t: F.kl_div(x, t, reduction="batchmean", log_target=True),
                  torch.log_softmax(torch.randn(4, 3), 1), torch.log_softmax(torch.randn(4, 3), 1),
                  args={"reduction": "batchmean", "logTarget": True}))

# NLL and cross-entropy over [N, C] and [N, C, L], class weights, ignore_index, label smoothing.
def idx(*shape, classes, ignore=None):
    t = torch.randint(0, classes, shape)
    if ignore is not None:
        t.view(-1)[1] = ignore
    return t


wc = torch.rand(4) + 0.5
cases.append(case("nll [5, 4]", "nllLoss", lambda x, t: F.nll_loss(x, t), torch.log_softmax(torch.randn(5, 4), 1),
                  idx(5, classes=4), args={"ignoreIndex": -100, "reduction": "mean"}))
cases.append(case("nll [5, 4] weight ignore 2", "nllLoss", lambda x, t: F.nll_loss(x, t, weight=wc, ignore_index=2),
                  torch.randn(5, 4), torch.tensor([0, 2, 1, 3, 2]), weight=wc, args={"ignoreIndex": 2, "reduction": "mean"}))
cases.append(case("nll [3, 4, 6] weight none", "nllLoss", lambda x, t: F.nll_loss(x, t, weight=wc, reduction="none"),
                  torch.randn(3, 4, 6), idx(3, 6, classes=4, ignore=-100), weight=wc,
                  args={"ignoreIndex": -100, "reduction": "none"}))
cases.append(case("nll [4] unbatched sum", "nllLoss", lambda x, t: F.nll_loss(x, t, reduction="sum"), torch.randn(4),
                  torch.tensor(3), args={"ignoreIndex": -100, "reduction": "sum"}))

for r in ["mean", "sum", "none"]:
    cases.append(case("crossEntropy [6, 5] " + r, "crossEntropy", lambda x, t: F.cross_entropy(x, t, reduction=r),
                      torch.randn(6, 5) * 3, idx(6, classes=5),
                      args={"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": r}))
wc5 = torch.rand(5) + 0.5
for r in ["mean", "sum", "none"]:
    cases.append(case("crossEntropy weight ignore smoothing " + r, "crossEntropy",
                      lambda x, t: F.cross_entropy(x, t, weight=wc5, ignore_index=-100, label_smoothing=0.15, reduction=r),
                      torch.randn(6, 5), idx(6, classes=5, ignore=-100), weight=wc5,
                      args={"ignoreIndex": -100, "labelSmoothing": 0.15, "reduction": r}))
cases.append(case("crossEntropy smoothing ignore 1 mean", "crossEntropy",
                  lambda x, t: F.cross_entropy(x, t, ignore_index=1, label_smoothing=0.3),
                  torch.randn(6, 5), torch.tensor([0, 1, 4, 1, 2, 3]),
                  args={"ignoreIndex": 1, "labelSmoothing": 0.3, "reduction": "mean"}))
cases.append(case("crossEntropy [2, 5, 3] weight mean", "crossEntropy",
                  lambda x, t: F.cross_entropy(x, t, weight=wc5), torch.randn(2, 5, 3), idx(2, 3, classes=5),
                  weight=wc5, args={"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": "mean"}))
cases.append(case("crossEntropy [2, 5, 2, 3] smoothing ignore none", "crossEntropy",
                  lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1, reduction="none"), torch.randn(2, 5, 2, 3),
                  idx(2, 2, 3, classes=5, ignore=-100),
                  args={"ignoreIndex": -100, "labelSmoothing": 0.1, "reduction": "none"}))
cases.append(case("crossEntropy [5] unbatched", "crossEntropy", lambda x, t: F.cross_entropy(x, t), torch.randn(5),
                  torch.tensor(2), args={"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": "mean"}))
# Probability targets (same shape as the input).
cases.append(case("crossEntropy probabilities mean", "crossEntropy", lambda x, t: F.cross_entropy(x, t),
                  torch.randn(4, 3), softmax_target(4, 3),
                  args={"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": "mean"}))
wc3 = torch.rand(3) + 0.5
cases.append(case("crossEntropy probabilities [2, 3, 4] weight smoothing sum", "crossEntropy",
                  lambda x, t: F.cross_entropy(x, t, weight=wc3, label_smoothing=0.2, reduction="sum"),
                  torch.randn(2, 3, 4), softmax_target(2, 3, 4), weight=wc3,
                  args={"ignoreIndex": -100, "labelSmoothing": 0.2, "reduction": "sum"}))
cases.append(case("crossEntropy probabilities weight mean", "crossEntropy",
                  lambda x, t: F.cross_entropy(x, t, weight=wc3),
                  torch.randn(5, 3), softmax_target(5, 3), weight=wc3,
                  args={"ignoreIndex": -100, "labelSmoothing": 0.0, "reduction": "mean"}))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "nn_losses.json"), "w") as f:
    json.dump({"generator": "nn_losses.py", "torch": torch.__version__, "dtype": "float64", "cases": cases}, f)
    f.write("\n")
print(len(cases), "cases")
