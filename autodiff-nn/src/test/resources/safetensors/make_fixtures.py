#!/usr/bin/python3
"""Writes the safetensors fixtures of SafeTensorsDTypeTest by hand, byte for byte as the
format's reference implementation (Hugging Face `safetensors`, as PyTorch users save with
`safetensors.torch.save_file`) lays them out, without that package or torch:

  8-byte little-endian header length N; N bytes of JSON ("__metadata__" first, then the
  tensors), padded with spaces so the data starts at a multiple of 8; the data buffer, tensors
  ordered by decreasing alignment then name, each row-major little-endian.

Expected values are decoded here by Python's own struct module (independently of the Java
reader) and written to fixtures.json: floats as float.hex() strings ("inf", "-inf", "nan"
for the non-finite ones), int64 as decimal strings (exact beyond 2^53), bools as JSON booleans.

Run from this directory:  /usr/bin/python3 make_fixtures.py
"""
import json
import struct

# dtype -> (struct code, bytes per element)
FORMATS = {"F64": ("d", 8), "F32": ("f", 4), "I64": ("q", 8), "F16": ("e", 2), "BF16": (None, 2), "BOOL": ("?", 1)}


def bf16_bytes(values):
    """bfloat16: the upper 16 bits of each float32 (the values below are exactly representable)."""
    out = b""
    for v in values:
        bits = struct.unpack("<I", struct.pack("<f", v))[0]
        assert bits & 0xFFFF == 0, v
        out += struct.pack("<H", bits >> 16)
    return out


def bf16_values(raw):
    return [struct.unpack("<f", struct.pack("<I", h << 16))[0] for (h,) in struct.iter_unpack("<H", raw)]


def encode(dtype, values):
    if dtype == "BF16":
        return bf16_bytes(values)
    code, _ = FORMATS[dtype]
    return struct.pack("<%d%s" % (len(values), code), *values)


def decode(dtype, raw):
    if dtype == "BF16":
        return bf16_values(raw)
    code, size = FORMATS[dtype]
    return list(struct.unpack("<%d%s" % (len(raw) // size, code), raw))


def expected(dtype, values):
    if dtype == "I64":
        return [str(v) for v in values]
    if dtype == "BOOL":
        return list(values)
    return [float.hex(float(v)) for v in values]


def write(path, tensors, metadata=None):
    """tensors: name -> (dtype, shape, values). Returns name -> {dtype, shape, values} as read back."""
    order = sorted(tensors, key=lambda n: (-FORMATS[tensors[n][0]][1], n))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = b""
    for name in order:
        dtype, shape, values = tensors[name]
        n = 1
        for d in shape:
            n *= d
        assert n == len(values), name
        raw = encode(dtype, values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)
    out = {}
    for name in order:
        dtype, shape, _ = tensors[name]
        begin, end = header[name]["data_offsets"]
        out[name] = {"dtype": dtype, "shape": shape, "values": expected(dtype, decode(dtype, data[begin:end]))}
    return out


half_cases = [0.0, -0.0, 1.0, -2.5, 65504.0, -65504.0, 2.0 ** -14, 2.0 ** -24, -(2.0 ** -24) * 1023,
              0.333251953125, float("inf"), float("-inf"), float("nan")]
bf16_cases = [0.0, -0.0, 1.0, -2.5, 3.3895313892515355e38, 2.0 ** -126, 2.0 ** -133, 0.333984375,
              float("inf"), float("-inf"), float("nan")]

fixtures = {
    "dtypes.safetensors": write("dtypes.safetensors", {
        "f16": ("F16", [13], half_cases),
        "bf16": ("BF16", [11], bf16_cases),
        "i64": ("I64", [2, 3], [0, -1, 2 ** 63 - 1, -(2 ** 63), 2 ** 53 + 1, 42]),
        "mask": ("BOOL", [2, 2], [True, False, False, True]),
        "f32": ("F32", [2], [1.5, -0.25]),
        "f64": ("F64", [], [0.1]),
        "f16_empty": ("F16", [0, 3], []),
    }, {"format": "pt"}),
    # A BatchNorm2d(3) state dict as a Checkpoint stores it ("model." prefix), with PyTorch's
    # int64 0-d num_batches_tracked and float32 running statistics.
    "batchnorm.safetensors": write("batchnorm.safetensors", {
        "model.weight": ("F32", [3], [1.0, 0.5, 2.0]),
        "model.bias": ("F32", [3], [0.0, -0.25, 0.75]),
        "model.running_mean": ("F32", [3], [0.125, -1.0, 3.5]),
        "model.running_var": ("F32", [3], [1.0, 0.25, 4.0]),
        "model.num_batches_tracked": ("I64", [], [7]),
    }, {"format": "pt"}),
}

with open("fixtures.json", "w") as f:
    json.dump({"generator": "make_fixtures.py", "files": fixtures}, f, indent=1)
    f.write("\n")
