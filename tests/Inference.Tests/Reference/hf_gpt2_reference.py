#!/usr/bin/python3
"""An independent GPT-2 for tests: plain PyTorch (Debian's python3-torch), written from the GPT-2
architecture, not from our C# code. It makes a random GPT-2, writes it as a Hugging Face checkpoint
directory (config.json + model.safetensors in HF naming and Conv1D [in, out] layout, the safetensors
bytes assembled here from the format's spec), and writes the logits it computes for given ids.

usage: hf_gpt2_reference.py OUT_DIR --dtype F32|F16|BF16 [--unprefixed] [--lm-head] [--seed N]
       hf_gpt2_reference.py CHECKPOINT_DIR --load
The second form reads a checkpoint (ours or HF's) the way transformers would read GPT2LMHeadModel
weights, and writes the logits it computes for the same ids to CHECKPOINT_DIR/reference.json.
"""
import argparse, json, math, struct, sys
import torch

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--dtype", default="F32", choices=["F32", "F16", "BF16"])
p.add_argument("--unprefixed", action="store_true", help="GPT2Model naming: no 'transformer.' prefix")
p.add_argument("--lm-head", action="store_true", help="also write the tied lm_head.weight")
p.add_argument("--seed", type=int, default=0)
p.add_argument("--load", action="store_true", help="read an existing checkpoint instead of making one")
a = p.parse_args()

def read_safetensors(path):
    """Parses the file by the spec: u64 LE header length, JSON header, raw little-endian data."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    base, out = 8 + n, {}
    kinds = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        buf = bytearray(raw[base + b:base + e])
        if info["dtype"] == "F32":
            t = torch.frombuffer(buf, dtype=torch.float32)
        else:
            t = torch.frombuffer(buf, dtype=torch.int16).view(kinds[info["dtype"]])
        out[name] = t.reshape(info["shape"]).to(torch.float32)
    return out

if a.load:
    import os
    cfg = json.load(open(os.path.join(a.out, "config.json")))
    V, P, C, L, H = cfg["vocab_size"], cfg["n_positions"], cfg["n_embd"], cfg["n_layer"], cfg["n_head"]
    tensors = read_safetensors(os.path.join(a.out, "model.safetensors"))
    w = {(k[len("transformer."):] if k.startswith("transformer.") else k): v for k, v in tensors.items()
         if k != "lm_head.weight" and not k.startswith(("score.", "v_head."))}
    torch_dtype = torch.float32
else:
    V, P, C, L, H = 101, 32, 48, 2, 3
torch.manual_seed(a.seed)
torch_dtype = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}[a.dtype]

def rnd(*shape, std=0.2):
    return torch.randn(*shape) * std

if not a.load:
  w = {"wte.weight": rnd(V, C), "wpe.weight": rnd(P, C), "ln_f.weight": 1 + rnd(C), "ln_f.bias": rnd(C)}
  for i in range(L):
    b = f"h.{i}."
    w[b + "ln_1.weight"], w[b + "ln_1.bias"] = 1 + rnd(C), rnd(C)
    w[b + "attn.c_attn.weight"], w[b + "attn.c_attn.bias"] = rnd(C, 3 * C), rnd(3 * C)
    w[b + "attn.c_proj.weight"], w[b + "attn.c_proj.bias"] = rnd(C, C), rnd(C)
    w[b + "ln_2.weight"], w[b + "ln_2.bias"] = 1 + rnd(C), rnd(C)
    w[b + "mlp.c_fc.weight"], w[b + "mlp.c_fc.bias"] = rnd(C, 4 * C), rnd(4 * C)
    w[b + "mlp.c_proj.weight"], w[b + "mlp.c_proj.bias"] = rnd(4 * C, C), rnd(C)

  # Round through the file's dtype so the reference computes with exactly what it stores.
  w = {k: v.to(torch_dtype).to(torch.float32) for k, v in w.items()}

def layer_norm(x, g, b, eps=1e-5):
    mu = x.mean(-1, keepdim=True)
    var = ((x - mu) ** 2).mean(-1, keepdim=True)
    return (x - mu) / torch.sqrt(var + eps) * g + b

def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))

def forward(ids):
    T = len(ids)
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(T)]
    for i in range(L):
        b = f"h.{i}."
        a_in = layer_norm(x, w[b + "ln_1.weight"], w[b + "ln_1.bias"])
        qkv = a_in @ w[b + "attn.c_attn.weight"] + w[b + "attn.c_attn.bias"]
        q, k, v = qkv.split(C, dim=-1)
        heads = lambda t: t.view(T, H, C // H).transpose(0, 1)
        q, k, v = heads(q), heads(k), heads(v)
        att = q @ k.transpose(-1, -2) / math.sqrt(C // H)
        att = att.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf")).softmax(-1)
        y = (att @ v).transpose(0, 1).reshape(T, C)
        x = x + y @ w[b + "attn.c_proj.weight"] + w[b + "attn.c_proj.bias"]
        m = layer_norm(x, w[b + "ln_2.weight"], w[b + "ln_2.bias"])
        x = x + gelu_new(m @ w[b + "mlp.c_fc.weight"] + w[b + "mlp.c_fc.bias"]) @ w[b + "mlp.c_proj.weight"] + w[b + "mlp.c_proj.bias"]
    x = layer_norm(x, w["ln_f.weight"], w["ln_f.bias"])
    return x @ w["wte.weight"].T

def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].to(torch_dtype).contiguous()
        raw = (t.view(torch.int16) if t.dtype in (torch.float16, torch.bfloat16) else t).numpy().tobytes()
        header[name] = {"dtype": a.dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for raw in blobs:
            f.write(raw)

import os
ids = [3, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26, 43]
ids = [i % V for i in ids]
if a.load:
    with torch.no_grad():
        logits = forward(torch.tensor(ids))
    with open(os.path.join(a.out, "reference.json"), "w") as f:
        json.dump({"ids": ids, "logits": logits.tolist()}, f)
    sys.exit(0)

names = {(k if a.unprefixed else "transformer." + k): v for k, v in w.items()}
if a.lm_head:
    names["lm_head.weight"] = w["wte.weight"]
os.makedirs(a.out, exist_ok=True)
write_safetensors(os.path.join(a.out, "model.safetensors"), names)
config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": V, "n_positions": P, "n_ctx": P,
          "n_embd": C, "n_layer": L, "n_head": H, "n_inner": None, "activation_function": "gelu_new",
          "layer_norm_epsilon": 1e-5, "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1,
          "bos_token_id": V - 1, "eos_token_id": V - 1, "initializer_range": 0.02, "summary_type": "cls_index"}
with open(os.path.join(a.out, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
with torch.no_grad():
    logits = forward(torch.tensor(ids))
with open(os.path.join(a.out, "reference.json"), "w") as f:
    json.dump({"ids": ids, "logits": logits.tolist()}, f)
