"""Writes nn_attention.json: PyTorch reference vectors for Embedding, scaled dot-product
attention, MultiheadAttention, TransformerEncoderLayer and TransformerEncoder.

Run with Debian's torch 1.13: /usr/bin/python3 nn_attention.py (from this directory).

torch 1.13 has no F.scaled_dot_product_attention; its cases are computed from the formula that
PyTorch 2.x documents for it, softmax(Q K^T / sqrt(E) + bias) V, where a bool attn_mask is True
where attention is allowed (False -> -inf) and a float one is added, and is_causal allows j <= i.

Each case records, in float64:
  kind, name, args     what is built, with autodiff's argument names
  training             the module's mode for the pass
  state                the state dict before the pass, by PyTorch's names (what the Java side loads)
  inputs               the float inputs by name (query, key, value, src, ...); ids for Embedding
  masks                the masks by name (bool or float64), absent entries are null
  outputs              output (and weights for MultiheadAttention when asked for)
  cotangents           a random u per output
  grad_inputs, grads   d sum(u . outputs) / d each float input, and / d each parameter by name
  tangents, jvp        a random v per float input, and the directional derivative of each output
                       (forward mode), by the double-vjp identity
Every tensor is {"shape": [...], "data": [flat, row-major]}, with "dtype" unless float64; bool
tensors hold 0/1.
"""
import json
import math
import os

import torch

torch.manual_seed(20261202)
torch.set_default_dtype(torch.float64)


def enc(t):
    if t is None:
        return None
    t = t.detach()
    out = {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}
    if t.dtype != torch.float64:
        out["dtype"] = str(t.dtype).replace("torch.", "")
    return out


def randomize(module, scale):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * scale)


def record(kind, name, args, module, inputs, masks, fn, training=False, ids=None):
    """fn(**inputs) -> dict of outputs; inputs are leaves that require grad."""
    if module is not None:
        module.train(training)
        state = {k: enc(v) for k, v in module.state_dict().items()}
        params = dict(module.named_parameters())
    else:
        state, params = {}, {}
    leaves = {k: v.detach().clone().requires_grad_(True) for k, v in inputs.items()}
    outs = fn(**leaves)
    cots = {k: torch.randn_like(v) for k, v in outs.items()}
    wrt = list(leaves.values()) + list(params.values())
    total = sum((outs[k] * cots[k]).sum() for k in outs)
    grads = torch.autograd.grad(total, wrt, allow_unused=True)
    grad_inputs = {k: grads[i] for i, k in enumerate(leaves)}
    grad_params = {k: grads[len(leaves) + i] for i, k in enumerate(params)}
    case = {
        "kind": kind, "name": name, "args": args, "training": training,
        "state": state,
        "inputs": {k: enc(v) for k, v in inputs.items()},
        "ids": enc(ids),
        "masks": {k: enc(v) for k, v in masks.items()},
        "outputs": {k: enc(v) for k, v in outs.items()},
        "cotangents": {k: enc(v) for k, v in cots.items()},
        "grad_inputs": {k: enc(torch.zeros_like(leaves[k]) if g is None else g) for k, g in grad_inputs.items()},
        "grads": {k: enc(torch.zeros_like(params[k]) if g is None else g) for k, g in grad_params.items()},
    }
    if leaves:
        # Forward mode by the double-vjp identity: g(w) = J^T w is linear in w, and d<g(w), v>/dw = J v.
        tangents = {k: torch.randn_like(v) for k, v in inputs.items()}
        leaves2 = {k: v.detach().clone().requires_grad_(True) for k, v in inputs.items()}
        outs2 = fn(**leaves2)
        ws = {k: torch.zeros_like(v, requires_grad=True) for k, v in outs2.items()}
        inner = sum((outs2[k] * ws[k]).sum() for k in outs2)
        g = torch.autograd.grad(inner, list(leaves2.values()), create_graph=True, allow_unused=True)
        dot = sum((gi * tangents[k]).sum() for gi, k in zip(g, leaves2) if gi is not None)
        jv = torch.autograd.grad(dot, list(ws.values()), allow_unused=True)
        case["tangents"] = {k: enc(v) for k, v in tangents.items()}
        case["jvp"] = {k: enc(torch.zeros_like(outs2[k]) if j is None else j) for k, j in zip(ws, jv)}
    return case


cases = []

# ---------------------------------------------------------------- Embedding
for name, pad in [("embedding", None), ("embedding_padding", 2)]:
    emb = torch.nn.Embedding(6, 4, padding_idx=pad)
    randomize(emb, 1.0)
    ids = torch.tensor([[0, 2, 5], [2, 2, 1]])
    cases.append(record("Embedding", name, {"numEmbeddings": 6, "embeddingDim": 4, "paddingIdx": pad}, emb, {}, {},
                        lambda: {"output": emb(ids)}, training=True, ids=ids))


# ---------------------------------------------------------------- scaled dot-product attention
def sdpa(q, k, v, attn_mask=None, is_causal=False):
    """PyTorch 2.x's documented reference of F.scaled_dot_product_attention (without dropout)."""
    L, S = q.size(-2), k.size(-2)
    bias = torch.zeros(L, S)
    if is_causal:
        bias = bias.masked_fill(torch.ones(L, S, dtype=torch.bool).tril(0).logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            bias = attn_mask + bias
    w = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1)) + bias
    return torch.softmax(w, dim=-1) @ v


N, H, L, S, E, EV = 2, 3, 4, 5, 6, 7
q, k, v = torch.randn(N, H, L, E), torch.randn(N, H, S, E), torch.randn(N, H, S, EV)
bool_mask = torch.rand(L, S) > 0.3
bool_mask[:, 0] = True  # every query keeps a key
float_mask = torch.randn(N, 1, L, S)
for name, mask, causal, qq, kk, vv in [
    ("sdpa_plain", None, False, q, k, v),
    ("sdpa_bool_mask", bool_mask, False, q, k, v),
    ("sdpa_float_mask", float_mask, False, q, k, v),
    ("sdpa_causal", None, True, q, torch.randn(N, H, L, E), torch.randn(N, H, L, EV)),
    ("sdpa_3d", None, False, torch.randn(2, 3, 4), torch.randn(2, 5, 4), torch.randn(2, 5, 2)),
]:
    cases.append(record("sdpa", name, {"isCausal": causal}, None, {"query": qq, "key": kk, "value": vv},
                        {"attnMask": mask},
                        lambda query, key, value, m=mask, c=causal: {"output": sdpa(query, key, value, m, c)}))


# ---------------------------------------------------------------- MultiheadAttention
def mha_case(name, embed, heads, batch_first, shapes, self_attention, kpm=None, attn_mask=None, need_weights=True,
             average=True, bias=True):
    m = torch.nn.MultiheadAttention(embed, heads, bias=bias, batch_first=batch_first)
    randomize(m, 0.4)
    if self_attention:
        x = torch.randn(*shapes[0])
        inputs = {"query": x}
        fn = lambda query: dict(zip(["output", "weights"], [t for t in m(query, query, query, key_padding_mask=kpm,
                                                                         need_weights=need_weights, attn_mask=attn_mask,
                                                                         average_attn_weights=average) if t is not None]))
    else:
        inputs = {"query": torch.randn(*shapes[0]), "key": torch.randn(*shapes[1]), "value": torch.randn(*shapes[1])}
        fn = lambda query, key, value: dict(zip(["output", "weights"], [t for t in m(query, key, value, key_padding_mask=kpm,
                                                                                     need_weights=need_weights,
                                                                                     attn_mask=attn_mask,
                                                                                     average_attn_weights=average)
                                                                        if t is not None]))
    args = {"embedDim": embed, "numHeads": heads, "bias": bias, "batchFirst": batch_first, "selfAttention": self_attention,
            "needWeights": need_weights, "averageAttnWeights": average}
    cases.append(record("MultiheadAttention", name, args, m, inputs, {"keyPaddingMask": kpm, "attnMask": attn_mask}, fn))


kpm = torch.tensor([[False, False, True, False, True], [False, False, False, False, False]])
mha_case("mha_self_seq_first", 8, 2, False, [(5, 2, 8)], True)
mha_case("mha_self_batch_first_masks", 8, 2, True, [(2, 5, 8)], True, kpm=kpm,
         attn_mask=torch.triu(torch.ones(5, 5, dtype=torch.bool), 1))
mha_case("mha_cross_float_mask_per_head", 6, 3, True, [(2, 4, 6), (2, 5, 6)], False, kpm=kpm,
         attn_mask=torch.randn(2 * 3, 4, 5), average=False)
mha_case("mha_no_weights_no_bias", 8, 4, False, [(3, 2, 8), (5, 2, 8)], False, need_weights=False, bias=False)
mha_case("mha_unbatched", 4, 2, False, [(3, 4)], True, kpm=torch.tensor([False, True, False]))


# ---------------------------------------------------------------- TransformerEncoderLayer and TransformerEncoder
def layer_args(d, nhead, ff, dropout, activation, eps, batch_first, norm_first):
    return {"dModel": d, "nhead": nhead, "dimFeedforward": ff, "dropout": dropout, "activation": activation,
            "layerNormEps": eps, "batchFirst": batch_first, "normFirst": norm_first}


def encoder_layer_case(name, args, shape, training, mask=None, kpm=None):
    layer = torch.nn.TransformerEncoderLayer(args["dModel"], args["nhead"], args["dimFeedforward"], args["dropout"],
                                             args["activation"], args["layerNormEps"], args["batchFirst"],
                                             args["normFirst"])
    randomize(layer, 0.4)
    cases.append(record("TransformerEncoderLayer", name, args, layer, {"src": torch.randn(*shape)},
                        {"srcMask": mask, "srcKeyPaddingMask": kpm},
                        lambda src: {"output": layer(src, src_mask=mask, src_key_padding_mask=kpm)}, training=training))


encoder_layer_case("encoder_layer_post_norm_relu_eval", layer_args(8, 2, 16, 0.1, "relu", 1e-5, False, False), (5, 2, 8),
                   False, mask=torch.triu(torch.ones(5, 5, dtype=torch.bool), 1), kpm=kpm)
encoder_layer_case("encoder_layer_pre_norm_gelu_train", layer_args(8, 4, 12, 0.0, "gelu", 1e-6, True, True), (2, 5, 8),
                   True, mask=torch.randn(5, 5))
encoder_layer_case("encoder_layer_defaults_unbatched", layer_args(4, 2, 2048, 0.1, "relu", 1e-5, False, False), (3, 4),
                   False)

for name, norm_first, final_norm in [("encoder_pre_norm_final_norm", True, True), ("encoder_post_norm", False, False)]:
    args = layer_args(8, 2, 16, 0.0, "relu", 1e-5, True, norm_first)
    base = torch.nn.TransformerEncoderLayer(8, 2, 16, 0.0, "relu", 1e-5, True, norm_first)
    enc_module = torch.nn.TransformerEncoder(base, 2, torch.nn.LayerNorm(8) if final_norm else None,
                                             enable_nested_tensor=False)
    randomize(enc_module, 0.4)
    mask = torch.nn.Transformer.generate_square_subsequent_mask(5).to(torch.float64)
    # The mask holds -inf, which JSON cannot; the Java side makes it with generateSquareSubsequentMask(5).
    args = dict(args, numLayers=2, finalNorm=final_norm, squareSubsequentMask=5)
    cases.append(record("TransformerEncoder", name, args, enc_module, {"src": torch.randn(2, 5, 8)},
                        {"mask": None, "srcKeyPaddingMask": kpm},
                        lambda src, m=enc_module, mk=mask: {"output": m(src, mask=mk, src_key_padding_mask=kpm)},
                        training=True))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "nn_attention.json"), "w") as f:
    json.dump({"generator": "nn_attention.py, torch " + torch.__version__, "cases": cases}, f)
print(len(cases), "cases")
