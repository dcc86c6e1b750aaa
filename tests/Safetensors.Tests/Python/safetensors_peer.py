#!/usr/bin/python3
"""An independent safetensors reader and writer in plain PyTorch (Debian's python3-torch, which has no safetensors
package), written from the public spec (https://github.com/huggingface/safetensors#format) for the interop tests.

    safetensors_peer.py read PATH    prints the file as JSON: {"metadata": {...}, "tensors": {name: {dtype, shape, values}}}
    safetensors_peer.py write PATH   writes a file of torch-made tensors and prints it in the same JSON

values are the row-major elements as numbers (booleans as 0/1, 16-bit floats widened exactly to float64).
"""
import json
import struct
import sys

import torch

DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool,
}
CODES = {v: k for k, v in DTYPES.items()}
# Same-sized integer types: torch 1.13 reinterprets bytes through them (numpy has no bfloat16).
BITS = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}
NUMPY_BITS = {1: "u1", 2: "<i2", 4: "<i4", 8: "<i8"}


def values(t):
    t = t.contiguous().reshape(-1)
    if t.dtype == torch.bool:
        return [int(v) for v in t.tolist()]
    if t.dtype.is_floating_point:
        return [float(v) for v in t.double().tolist()]
    return [int(v) for v in t.tolist()]


def describe(metadata, tensors):
    return {"metadata": metadata,
            "tensors": {n: {"dtype": CODES[t.dtype], "shape": list(t.shape), "values": values(t)} for n, t in tensors.items()}}


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    n, = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        size = torch.empty((), dtype=dtype).element_size()
        raw = torch.frombuffer(bytearray(body[begin:end]), dtype=BITS[size]) if end > begin else torch.empty(0, dtype=BITS[size])
        tensors[name] = raw.view(dtype).reshape(entry["shape"])
    return metadata, tensors


def write(path):
    generator = torch.Generator().manual_seed(7)
    grid = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8 - 0.75
    tensors = {
        "weight": torch.randn(3, 5, generator=generator),
        "transposed": grid.t(),  # not contiguous: the file holds its row-major copy
        "half": torch.tensor([0.5, -65504.0, 6.103515625e-05, -0.0], dtype=torch.float16),
        "brain": (torch.randn(2, 3, generator=generator) * 100).to(torch.bfloat16),
        "double": torch.tensor([1 / 3, -2.5e-300, 1e300], dtype=torch.float64),
        "ids": torch.tensor([[-(2 ** 63), -1], [2 ** 40, 2 ** 63 - 1]], dtype=torch.int64),
        "small": torch.tensor([-7, 2 ** 31 - 1], dtype=torch.int32),
        "mask": torch.tensor([True, False, False, True, True]),
        "bytes": torch.tensor([0, 1, 254, 255], dtype=torch.uint8),
        "scalar": torch.tensor(3.25),
        "empty": torch.zeros(0, 2),
    }
    metadata = {"format": "pt", "written by": "python3-torch " + torch.__version__, "unicode": "é → 🚀"}
    # The reference implementation's layout: largest elements first, then by name; header padded to 8 bytes.
    order = sorted(tensors, key=lambda n: (-tensors[n].element_size(), n))
    header, chunks, offset = {"__metadata__": metadata}, [], 0
    for name in order:
        t = tensors[name].contiguous()
        size = t.element_size()
        raw = t.reshape(-1).view(BITS[size]).numpy().astype(NUMPY_BITS[size]).tobytes()
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
    return metadata, tensors


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    metadata, tensors = (read if command == "read" else write)(path)
    json.dump(describe(metadata, tensors), sys.stdout, ensure_ascii=False)
