#!/usr/bin/python3
"""Plain-PyTorch (eager) peer of bench/Inference.Bench: greedy decode tokens/s of a randomly initialised GPT-2.

The model is written from the GPT-2 architecture, not from our C# code: learned position embeddings, pre-LN
blocks, fused qkv Conv1D weights stored [in, out] (y = x @ W + b, via addmm), GELU with the tanh approximation,
final LayerNorm, LM head tied to the token embeddings. Attention is softmax(QK^T/sqrt(d))V written out:
python3-torch 1.13 has no fused scaled_dot_product_attention (ours, on TorchSharp's libtorch 2.10, calls it).

KV cache: preallocated [B, H, capacity, D] per layer with one shared write position, like our KvCache. Each
decode step copies the new key/value column into the buffer and attends to the narrowed view [:, :, :end];
with equal-length prompts (no padding) a one-token query may see every cached key, so a decode step needs no
mask, and the prefill uses a plain causal mask. Without the cache, each step runs the whole growing sequence
(causal mask) and projects only the last position onto the vocabulary, as ours does.

Runs the same plan as ours (--runs PRESET:BATCH:MODE:NEW:REPEATS,...), with the same prompts, the same warm-up,
the same timing split and the same output lines. Run it with Debian's /usr/bin/python3 (python3-torch 1.13).

usage: decode_peer.py [--runs ...] [--threads N] [--prompt N] [--seed N] [--check DIR] [--serve]
  --check DIR  loads the weights ours exported (Inference.Bench --export DIR) and checks that this model gives
               our prefill logits and our greedy tokens, with and without the cache, before timing anything.
"""
import argparse, json, math, os, statistics, struct, sys, time
import torch
import torch.nn.functional as F

PRESETS = {  # src/Inference/Model/GptPresets.cs
    "micro": dict(n_layer=2, n_head=2, n_embd=64, n_positions=256, vocab_size=1024),
    "tiny": dict(n_layer=4, n_head=4, n_embd=256, n_positions=512, vocab_size=4096),
    "small": dict(n_layer=12, n_head=12, n_embd=768, n_positions=1024, vocab_size=50257),
}


class Gpt2:
    """GPT-2 inference (eval mode: no dropout) over a dict of tensors with Hugging Face names."""

    def __init__(self, cfg, weights):
        self.L, self.H, self.C, self.V = cfg["n_layer"], cfg["n_head"], cfg["n_embd"], cfg["vocab_size"]
        self.D = self.C // self.H
        self.eps = 1e-5
        w = weights
        self.wte, self.wpe = w["wte.weight"], w["wpe.weight"]
        self.ln_f = (w["ln_f.weight"], w["ln_f.bias"])
        self.blocks = []
        for i in range(self.L):
            p = f"h.{i}."
            self.blocks.append(tuple(w[p + n] for n in (
                "ln_1.weight", "ln_1.bias", "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias",
                "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias")))

    @staticmethod
    def random(cfg, seed):
        """Random init with GPT-2's scheme: N(0, 0.02), residual projections scaled by 1/sqrt(2 n_layer)."""
        g = torch.Generator().manual_seed(seed)
        C, L, V, P, std = cfg["n_embd"], cfg["n_layer"], cfg["vocab_size"], cfg["n_positions"], 0.02
        normal = lambda *shape, s=std: torch.empty(*shape).normal_(0, s, generator=g)
        w = {"wte.weight": normal(V, C), "wpe.weight": normal(P, C), "ln_f.weight": torch.ones(C), "ln_f.bias": torch.zeros(C)}
        for i in range(L):
            p = f"h.{i}."
            w[p + "ln_1.weight"], w[p + "ln_1.bias"] = torch.ones(C), torch.zeros(C)
            w[p + "attn.c_attn.weight"], w[p + "attn.c_attn.bias"] = normal(C, 3 * C), torch.zeros(3 * C)
            w[p + "attn.c_proj.weight"], w[p + "attn.c_proj.bias"] = normal(C, C, s=std / math.sqrt(2 * L)), torch.zeros(C)
            w[p + "ln_2.weight"], w[p + "ln_2.bias"] = torch.ones(C), torch.zeros(C)
            w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"] = normal(C, 4 * C), torch.zeros(4 * C)
            w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"] = normal(4 * C, C, s=std / math.sqrt(2 * L)), torch.zeros(C)
        return Gpt2(cfg, w)

    def new_cache(self, batch, capacity):
        shape = (batch, self.H, capacity, self.D)
        return {"k": [torch.zeros(shape) for _ in range(self.L)], "v": [torch.zeros(shape) for _ in range(self.L)], "length": 0}

    def hidden(self, ids, cache=None):
        """Hidden states [B, T, C] after ln_f; appends the new keys and values to the cache when given."""
        B, T = ids.shape
        past = cache["length"] if cache is not None else 0
        x = F.embedding(ids, self.wte) + self.wpe[past:past + T]
        causal = None
        if T > 1:  # a one-token query may see every key before it; longer ones need the causal mask
            causal = torch.ones(T, past + T, dtype=torch.bool).tril(past)
        for i, (g1, b1, wqkv, bqkv, wo, bo, g2, b2, wfc, bfc, wpr, bpr) in enumerate(self.blocks):
            a = F.layer_norm(x, (self.C,), g1, b1, self.eps)
            qkv = torch.addmm(bqkv, a.reshape(-1, self.C), wqkv).view(B, T, 3 * self.C)
            q, k, v = (t.view(B, T, self.H, self.D).transpose(1, 2) for t in qkv.split(self.C, 2))
            if cache is not None:
                cache["k"][i][:, :, past:past + T].copy_(k)
                cache["v"][i][:, :, past:past + T].copy_(v)
                k, v = cache["k"][i][:, :, :past + T], cache["v"][i][:, :, :past + T]
            scores = torch.matmul(q, k.transpose(-2, -1)).mul(1.0 / math.sqrt(self.D))
            if causal is not None:
                scores = scores.masked_fill(causal.logical_not(), float("-inf"))
            y = torch.matmul(torch.softmax(scores, -1), v).transpose(1, 2).reshape(B * T, self.C)
            x = x + torch.addmm(bo, y, wo).view(B, T, self.C)
            m = F.layer_norm(x, (self.C,), g2, b2, self.eps).reshape(-1, self.C)
            x = x + torch.addmm(bpr, F.gelu(torch.addmm(bfc, m, wfc), approximate="tanh"), wpr).view(B, T, self.C)
        if cache is not None:
            cache["length"] = past + T
        return F.layer_norm(x, (self.C,), self.ln_f[0], self.ln_f[1], self.eps)

    def last_logits(self, ids, cache=None):
        """Logits [B, V] of the last position only (tied head)."""
        return F.linear(self.hidden(ids, cache)[:, -1], self.wte)


def prompt_row(b, length, vocab):  # the same formula as ours (DecodeBench.PromptRow)
    return [(b * 1009 + j * 97 + 11) % vocab for j in range(length)]


def decode(model, batch, prompt_len, new_tokens, mode):
    """Greedy decode, timed like ours: prefill (first forward), then new-1 steps of argmax -> host -> forward."""
    ids = torch.tensor([prompt_row(b, prompt_len, model.V) for b in range(batch)], dtype=torch.long)
    generated = []
    with torch.no_grad():
        cache = model.new_cache(batch, prompt_len + new_tokens) if mode == "kv" else None
        sequence = ids
        start = time.perf_counter()
        logits = model.last_logits(ids, cache)
        prefill_end = time.perf_counter()
        cpu_start = time.process_time()
        for step in range(new_tokens):
            nxt = logits.argmax(-1)
            generated.append(nxt.tolist())
            if step == new_tokens - 1:
                break
            if cache is not None:
                logits = model.last_logits(nxt.view(batch, 1), cache)
            else:
                sequence = torch.cat([sequence, nxt.view(batch, 1)], 1)
                logits = model.last_logits(sequence)
        end = time.perf_counter()
        cpu = time.process_time() - cpu_start
    tokens = [generated[s][b] for b in range(batch) for s in range(new_tokens)]  # row-major, like ours
    return prefill_end - start, end - prefill_end, tokens, cpu


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    out = {}
    for name, e in header.items():
        assert e["dtype"] == "F32", f"{name}: expected F32, got {e['dtype']}"
        lo, hi = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[8 + n + lo:8 + n + hi]), dtype=torch.float32).view(e["shape"])
    return out


def check(directory, prompt_len):
    cfg = json.load(open(os.path.join(directory, "config.json")))
    w = {k.removeprefix("transformer."): v for k, v in read_safetensors(os.path.join(directory, "model.safetensors")).items()}
    model = Gpt2(cfg, w)
    ref = json.load(open(os.path.join(directory, "reference.json")))
    batch, new = ref["batch"], ref["new"]
    ids = torch.tensor([prompt_row(b, prompt_len, model.V) for b in range(batch)], dtype=torch.long)
    with torch.no_grad():
        logits = model.last_logits(ids)
    diff = (logits.reshape(-1) - torch.tensor(ref["prefill_logits"])).abs().max().item()
    kv = decode(model, batch, prompt_len, new, "kv")[2]
    recompute = decode(model, batch, prompt_len, new, "recompute")[2]
    ok = diff < 1e-4 and kv == ref["kv_tokens"] and recompute == ref["recompute_tokens"]
    print(f"# peer check against ours (tiny weights, batch {batch}, {new} greedy tokens): prefill logits max |diff| {diff:.2e}, "
          f"kv tokens {'match' if kv == ref['kv_tokens'] else 'DIFFER'}, recompute tokens {'match' if recompute == ref['recompute_tokens'] else 'DIFFER'}"
          f" -> {'OK' if ok else 'FAILED'}", flush=True)
    return ok


class Bench:
    def __init__(self, threads, prompt, seed):
        self.prompt, self.seed, self.models, self.warmed = prompt, seed, {}, set()

    def model(self, preset):
        if preset not in self.models:
            t = time.perf_counter()
            m = self.models[preset] = Gpt2.random(PRESETS[preset], self.seed)
            n = sum(v.numel() for v in [m.wte, m.wpe, *m.ln_f] + [x for blk in m.blocks for x in blk])
            print(f"# built {preset}: {n / 1e6:.1f}M parameters in {time.perf_counter() - t:.1f} s", flush=True)
        return self.models[preset]

    def run(self, spec):
        """PRESET:BATCH:MODE:NEW:REPEATS -> the result line (medians), after one short warm-up per shape, as ours."""
        preset, batch, mode, new, repeats = spec.strip().split(":")
        batch, new, repeats = int(batch), int(new), int(repeats)
        if mode not in ("kv", "recompute"):
            raise ValueError(f"run '{spec}': mode must be kv or recompute")
        model = self.model(preset)
        if (preset, batch, mode) not in self.warmed:
            self.warmed.add((preset, batch, mode))
            decode(model, batch, self.prompt, min(8, new), mode)
        runs = [decode(model, batch, self.prompt, new, mode) for _ in range(repeats)]
        prefill = statistics.median(r[0] for r in runs)
        dec = statistics.median(r[1] for r in runs)
        total = statistics.median(r[0] + r[1] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        return (f"DECODE impl=peer preset={preset} batch={batch} mode={mode} prompt={self.prompt} new={new} repeats={repeats} "
                f"prefill_ms={prefill * 1e3:.2f} decode_s={dec:.4f} decode_tok_s={batch * (new - 1) / dec:.1f} "
                f"e2e_tok_s={batch * new / total:.1f} decode_cpu_s={cpu:.4f}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", default="", help="PRESET:BATCH:MODE:NEW:REPEATS,...")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--prompt", type=int, default=16)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--check", help="check against the weights and tokens ours exported to this directory")
    p.add_argument("--serve", action="store_true", help="read 'run SPEC' / 'check DIR' / 'quit' from stdin; end each answer with DONE")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"# peer: torch {torch.__version__}, intra-op threads {torch.get_num_threads()}, interop threads "
          f"{torch.get_num_interop_threads()}, Python {sys.version.split()[0]}, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}", flush=True)
    if a.check and not check(a.check, a.prompt):
        sys.exit(1)
    bench = Bench(a.threads, a.prompt, a.seed)
    for spec in filter(None, (s.strip() for s in a.runs.split(","))):
        print(bench.run(spec), flush=True)
    if a.serve:
        for line in sys.stdin:
            command, _, arg = line.strip().partition(" ")
            if not command:
                continue
            if command == "quit":
                break
            try:
                if command == "run":
                    print(bench.run(arg))
                elif command == "check":
                    check(arg, a.prompt)
                else:
                    print(f"ERROR unknown command '{line.strip()}'")
            except (ValueError, KeyError) as e:
                print(f"ERROR {e}")
            print("DONE", flush=True)


if __name__ == "__main__":
    main()
