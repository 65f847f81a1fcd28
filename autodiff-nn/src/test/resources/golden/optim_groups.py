"""Writes optim_groups.json: torch.optim trajectories with parameter groups and schedulers.

Run with Debian's torch 1.13: /usr/bin/python3 optim_groups.py (from this directory).

The problem: parameters w [2, 3], b [3] and s [2] minimise
    f = sum((tanh(X @ w + b) - Y)^2) + (1 - s0)^2 + 10 (s1 - s0^2)^2
for fixed X [4, 2] and Y [4, 3] ("problem" in the file). Each case runs `steps` iterations of
    zero_grad(); f.backward(); optimizer.step(); scheduler.step() (if any)
and records, before the first step and after each step, every parameter flattened in the order
w, b, s ("trajectory") and each group's learning rate ("lrs").

A case gives:
  optimizer, defaults  the optimizer and its constructor's hyperparameters (PyTorch names)
  groups               the parameter groups: parameter names and the group's own hyperparameters
  add_group            optional {"at": k, "group": {...}}: add_param_group before step k (0-based)
  scheduler            optional: {"kind": ..., ...} with PyTorch's arguments; LambdaLR's lambdas are
                       named: {"pow": a} is a**epoch, {"inverse": r} is 1 / (1 + r*epoch)
"""
import json
import math
import os

import torch

torch.manual_seed(7)
torch.set_default_dtype(torch.float64)
STEPS = 25

X = torch.randn(4, 2)
Y = torch.randn(4, 3).tanh()
START = {"w": torch.randn(2, 3) * 0.5, "b": torch.randn(3) * 0.5, "s": torch.tensor([-1.2, 1.0])}


def loss(p):
    r = torch.tanh(X @ p["w"] + p["b"]) - Y
    s = p["s"]
    return (r * r).sum() + (1 - s[0]) ** 2 + 10 * (s[1] - s[0] ** 2) ** 2


def lam(spec):
    if "pow" in spec:
        return lambda e: spec["pow"] ** e
    return lambda e: 1 / (1 + spec["inverse"] * e)


def torch_hyper(h):
    h = dict(h)
    if "beta1" in h or "beta2" in h:
        h["betas"] = (h.pop("beta1", 0.9), h.pop("beta2", 0.999))
    return h


def make_scheduler(opt, spec):
    k = spec["kind"]
    S = torch.optim.lr_scheduler
    if k == "LambdaLR":
        fns = [lam(x) for x in spec["lambdas"]]
        return S.LambdaLR(opt, fns if len(fns) > 1 else fns[0])
    if k == "MultiStepLR":
        return S.MultiStepLR(opt, spec["milestones"], spec["gamma"])
    if k == "OneCycleLR":
        return S.OneCycleLR(opt, spec["max_lr"], total_steps=spec["total_steps"], pct_start=spec["pct_start"],
                            anneal_strategy=spec["anneal_strategy"], cycle_momentum=spec["cycle_momentum"],
                            base_momentum=spec["base_momentum"], max_momentum=spec["max_momentum"],
                            div_factor=spec["div_factor"], final_div_factor=spec["final_div_factor"],
                            three_phase=spec["three_phase"])
    if k == "CosineAnnealingWarmRestarts":
        return S.CosineAnnealingWarmRestarts(opt, spec["T_0"], spec["T_mult"], spec["eta_min"])
    if k == "StepLR":
        return S.StepLR(opt, spec["step_size"], spec["gamma"])
    if k == "ExponentialLR":
        return S.ExponentialLR(opt, spec["gamma"])
    if k == "LinearLR":
        return S.LinearLR(opt, spec["start_factor"], spec["end_factor"], spec["total_iters"])
    if k == "CosineAnnealingLR":
        return S.CosineAnnealingLR(opt, spec["T_max"], spec["eta_min"])
    if k == "SequentialLR":
        subs = [make_scheduler(opt, s) for s in spec["schedulers"]]
        return S.SequentialLR(opt, subs, spec["milestones"])
    raise ValueError(k)


def run(name, optimizer, defaults, groups, add_group=None, scheduler=None):
    p = {k: v.clone().requires_grad_(True) for k, v in START.items()}
    torch_groups = [dict(params=[p[n] for n in g["params"]], **torch_hyper(g.get("hyper", {}))) for g in groups]
    opt = getattr(torch.optim, optimizer)(torch_groups, **torch_hyper(defaults))
    sched = make_scheduler(opt, scheduler) if scheduler else None

    def snapshot():
        return [float(v) for n in ("w", "b", "s") for v in p[n].detach().reshape(-1).tolist()]

    trajectory = [snapshot()]
    lrs = [[g["lr"] for g in opt.param_groups]]
    for k in range(STEPS):
        if add_group and add_group["at"] == k:
            g = add_group["group"]
            opt.add_param_group(dict(params=[p[n] for n in g["params"]], **torch_hyper(g.get("hyper", {}))))
        opt.zero_grad()
        loss(p).backward()
        opt.step()
        if sched:
            sched.step()
        trajectory.append(snapshot())
        lrs.append([g["lr"] for g in opt.param_groups])
    case = {"name": name, "optimizer": optimizer, "defaults": defaults, "groups": groups, "trajectory": trajectory,
            "lrs": lrs}
    if add_group:
        case["add_group"] = add_group
    if scheduler:
        case["scheduler"] = scheduler
    return case


TWO = [{"params": ["w"], "hyper": {"lr": 0.05, "weight_decay": 0.01}}, {"params": ["b", "s"], "hyper": {"lr": 0.02}}]
SGD_M = {"lr": 0.03, "momentum": 0.9}

cases = [
    run("SGD two groups", "SGD", {"lr": 0.03, "momentum": 0.9},
        [{"params": ["w"], "hyper": {"lr": 0.05, "weight_decay": 0.01}},
         {"params": ["b", "s"], "hyper": {"lr": 0.02, "momentum": 0.5, "nesterov": True}}]),
    run("Adam two groups", "Adam", {"lr": 0.01},
        [{"params": ["w"], "hyper": {"lr": 0.05, "weight_decay": 0.01, "beta1": 0.8, "beta2": 0.99}},
         {"params": ["b", "s"], "hyper": {"amsgrad": True}}]),
    run("AdamW two groups", "AdamW", {"lr": 0.02},
        [{"params": ["w", "b"], "hyper": {"weight_decay": 0.1}}, {"params": ["s"], "hyper": {"weight_decay": 0.0}}]),
    run("Adagrad two groups", "Adagrad", {"lr": 0.1},
        [{"params": ["w"], "hyper": {"lr_decay": 0.01}},
         {"params": ["b", "s"], "hyper": {"lr": 0.05, "initial_accumulator_value": 0.1}}]),
    run("RMSprop two groups", "RMSprop", {"lr": 0.01},
        [{"params": ["w"], "hyper": {"centered": True}},
         {"params": ["b", "s"], "hyper": {"lr": 0.005, "momentum": 0.5, "alpha": 0.9}}]),
    run("SGD add_param_group", "SGD", {"lr": 0.05},
        [{"params": ["w"]}],
        add_group={"at": 8, "group": {"params": ["b", "s"], "hyper": {"lr": 0.02, "momentum": 0.9}}}),
    run("LambdaLR per group", "SGD", SGD_M, TWO,
        scheduler={"kind": "LambdaLR", "lambdas": [{"pow": 0.9}, {"inverse": 0.5}]}),
    run("LambdaLR one lambda", "SGD", SGD_M, TWO, scheduler={"kind": "LambdaLR", "lambdas": [{"pow": 0.95}]}),
    run("MultiStepLR repeated milestone", "SGD", SGD_M, TWO,
        scheduler={"kind": "MultiStepLR", "milestones": [5, 12, 12], "gamma": 0.5}),
    run("OneCycleLR SGD", "SGD", SGD_M, TWO,
        scheduler={"kind": "OneCycleLR", "max_lr": [0.03, 0.01], "total_steps": 25, "pct_start": 0.3,
                   "anneal_strategy": "cos", "cycle_momentum": True, "base_momentum": 0.85, "max_momentum": 0.95,
                   "div_factor": 25.0, "final_div_factor": 1e4, "three_phase": False}),
    run("OneCycleLR Adam three phases linear", "Adam", {"lr": 0.01}, TWO,
        scheduler={"kind": "OneCycleLR", "max_lr": [0.05, 0.02], "total_steps": 30, "pct_start": 0.25,
                   "anneal_strategy": "linear", "cycle_momentum": True, "base_momentum": 0.8, "max_momentum": 0.9,
                   "div_factor": 10.0, "final_div_factor": 100.0, "three_phase": True}),
    run("OneCycleLR no momentum cycling", "Adagrad", {"lr": 0.1}, TWO,
        scheduler={"kind": "OneCycleLR", "max_lr": [0.2, 0.1], "total_steps": 25, "pct_start": 0.4,
                   "anneal_strategy": "cos", "cycle_momentum": False, "base_momentum": 0.85, "max_momentum": 0.95,
                   "div_factor": 25.0, "final_div_factor": 1e4, "three_phase": False}),
    run("CosineAnnealingWarmRestarts", "SGD", SGD_M, TWO,
        scheduler={"kind": "CosineAnnealingWarmRestarts", "T_0": 3, "T_mult": 2, "eta_min": 0.001}),
    run("SequentialLR warm-up then cosine", "AdamW", {"lr": 0.02}, TWO,
        scheduler={"kind": "SequentialLR", "milestones": [4], "schedulers": [
            {"kind": "LinearLR", "start_factor": 0.1, "end_factor": 1.0, "total_iters": 4},
            {"kind": "CosineAnnealingLR", "T_max": 21, "eta_min": 0.001}]}),
    run("SequentialLR three schedulers", "SGD", SGD_M, TWO,
        scheduler={"kind": "SequentialLR", "milestones": [6, 14], "schedulers": [
            {"kind": "ExponentialLR", "gamma": 0.9},
            {"kind": "StepLR", "step_size": 3, "gamma": 0.5},
            {"kind": "CosineAnnealingWarmRestarts", "T_0": 4, "T_mult": 1, "eta_min": 0.0}]}),
]

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "optim_groups.json"), "w") as f:
    json.dump({"generator": "optim_groups.py, torch " + torch.__version__, "steps": STEPS,
               "problem": {"X": X.tolist(), "Y": Y.tolist(),
                           "start": {k: {"shape": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in START.items()}},
               "cases": cases}, f)
print(len(cases), "cases")
