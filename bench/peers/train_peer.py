#!/usr/bin/python3
"""Plain-PyTorch (eager) peer of bench/Training.Bench: training tokens/s of GPT-2 with the tiny preset's settings.

The model is written from the GPT-2 architecture (Radford et al., 2019; Hugging Face's GPT2LMHeadModel names), not
from our C# code, as a nanoGPT-style nn.Module: token + learned position embeddings and embedding dropout; pre-LN
blocks whose attention (fused qkv) and MLP (GELU, tanh approximation) use GPT-2's Conv1D layers, weights stored
[in, out] (y = x W + b, via addmm); causal attention written out (softmax(QK^T/sqrt(d)), attention dropout on the
weights), since libtorch 1.13 has no fused scaled_dot_product_attention; residual dropout after each projection
back into the residual stream; final LayerNorm; LM head tied to the token embeddings. The dropout rates come from
the config.json ours exported (pretraining: 0.1 everywhere; SFT: residual 0.2).

One training step, as a PyTorch user writes it: set the learning rate (the same cosine schedule), forward,
next-token cross-entropy with ignore_index -100 (logits[:, :-1] against labels[:, 1:], as HF's GPT2LMHeadModel),
loss.item(), backward, clip_grad_norm_(1.0), AdamW step (torch.optim.AdamW with its default single-tensor update;
matrices decay, biases/LayerNorm gains/embeddings-less-than-2D do not, betas (0.9, 0.95)), zero_grad(set_to_none=True).
The data is the batches ours exported (the real world's, in the stage's order), so both do the same work step by step.

usage: train_peer.py --home DIR --workload pretrain|sft [--serve] [--op-profile N]
  Before anything else it loads ours' initial weights and checks the same function: loss, gradient norm and the loss
  after one clipped AdamW step on batch 0 in eval mode must match ours' reference.json. With --serve it then answers
  commands read from stdin (ready | warmup N | round N | profile N | stats | quit), each answer ending with DONE.
Run it with Debian's /usr/bin/python3 (python3-torch 1.13), with ours' intra-op thread count (bench/run-train-bench.sh
passes it as --threads).
"""
import argparse, json, math, os, resource, statistics, struct, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

IGNORE_INDEX = -100  # PyTorch's default ignore_index: prompt and padding labels


class Conv1D(nn.Module):
    """GPT-2's linear layer: weight [in, out]."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out).normal_(0, 0.02))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return torch.addmm(self.bias, x.reshape(-1, x.size(-1)), self.weight).view(*x.shape[:-1], -1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n_head, self.n_embd = cfg["n_head"], cfg["n_embd"]
        self.c_attn = Conv1D(self.n_embd, 3 * self.n_embd)
        self.c_proj = Conv1D(self.n_embd, self.n_embd)
        self.attn_dropout = nn.Dropout(cfg["attn_pdrop"])
        self.resid_dropout = nn.Dropout(cfg["resid_pdrop"])
        future = torch.ones(cfg["n_positions"], cfg["n_positions"], dtype=torch.bool).triu(1)
        self.register_buffer("future", future, persistent=False)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = (t.view(B, T, self.n_head, C // self.n_head).transpose(1, 2) for t in self.c_attn(x).split(C, 2))
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.n_head))
        weights = self.attn_dropout(scores.masked_fill(self.future[:T, :T], float("-inf")).softmax(-1))
        y = (weights @ v).transpose(1, 2).reshape(B, T, C)
        return self.resid_dropout(self.c_proj(y))


class Mlp(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.c_fc = Conv1D(cfg["n_embd"], 4 * cfg["n_embd"])
        self.c_proj = Conv1D(4 * cfg["n_embd"], cfg["n_embd"])
        self.dropout = nn.Dropout(cfg["resid_pdrop"])

    def forward(self, x):
        return self.dropout(self.c_proj(F.gelu(self.c_fc(x), approximate="tanh")))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        eps = cfg["layer_norm_epsilon"]
        self.ln_1, self.attn = nn.LayerNorm(cfg["n_embd"], eps=eps), Attention(cfg)
        self.ln_2, self.mlp = nn.LayerNorm(cfg["n_embd"], eps=eps), Mlp(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = nn.Embedding(cfg["vocab_size"], cfg["n_embd"])
        self.wpe = nn.Embedding(cfg["n_positions"], cfg["n_embd"])
        self.drop = nn.Dropout(cfg["embd_pdrop"])
        self.h = nn.ModuleList(Block(cfg) for _ in range(cfg["n_layer"]))
        self.ln_f = nn.LayerNorm(cfg["n_embd"], eps=cfg["layer_norm_epsilon"])


class Gpt2LMHead(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.transformer = Transformer(cfg)

    def forward(self, ids):
        t = self.transformer
        x = t.drop(t.wte(ids) + t.wpe(torch.arange(ids.size(1))))
        for block in t.h:
            x = block(x)
        return F.linear(t.ln_f(x), t.wte.weight)  # tied head


def lm_loss(logits, labels):
    """Mean next-token cross-entropy over the labels that are not IGNORE_INDEX."""
    V = logits.size(-1)
    return F.cross_entropy(logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1), ignore_index=IGNORE_INDEX)


def read_safetensors(path):
    """name -> tensor for the F32 and I64 entries of a safetensors file; and its metadata."""
    dtypes = {"F32": torch.float32, "I64": torch.int64}
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    out = {}
    for name, e in header.items():
        lo, hi = e["data_offsets"]
        out[name] = torch.frombuffer(bytearray(data[8 + n + lo:8 + n + hi]), dtype=dtypes[e["dtype"]]).view(e["shape"])
    return out, metadata


class Workload:
    """The exported batches, ours' initial weights, and the optimizer and schedule of the stage."""

    def __init__(self, home, name):
        self.name, self.home = name, home
        check = os.path.join(home, f"check-{name}")
        self.cfg = json.load(open(os.path.join(check, "config.json")))
        self.reference = json.load(open(os.path.join(check, "reference.json")))
        self.weights, _ = read_safetensors(os.path.join(check, "model.safetensors"))
        tensors, metadata = read_safetensors(os.path.join(home, f"batches-{name}.safetensors"))
        self.batches = [(tensors[f"ids.{s}"], tensors[f"labels.{s}"]) for s in range(int(metadata["steps"]))]
        self.model, self.optimizer = self.fresh()

    def fresh(self):
        """The model with ours' initial weights, and AdamW over it."""
        model = Gpt2LMHead(self.cfg)
        model.load_state_dict(self.weights)
        decay = [p for p in model.parameters() if p.dim() >= 2]
        no_decay = [p for p in model.parameters() if p.dim() < 2]
        ref = self.reference
        optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": ref["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}],
                                      lr=ref["learning_rate"], betas=(0.9, 0.95), eps=1e-8)
        return model, optimizer

    def lr(self, step):
        """CosineSchedule: linear warmup from 0, then cosine decay to final_fraction of the peak at the last step."""
        s, peak = self.reference["schedule"], self.reference["learning_rate"]
        if step < s["warmup_steps"]:
            return peak * step / s["warmup_steps"]
        progress = min(max((step - s["warmup_steps"]) / max(1, s["total_steps"] - 1 - s["warmup_steps"]), 0.0), 1.0)
        floor = s["final_fraction"] * peak
        return floor + (peak - floor) * 0.5 * (1 + math.cos(math.pi * progress))

    def steps(self, count):
        if not 1 <= count < len(self.batches):
            raise ValueError(f"takes 1 to {len(self.batches) - 1} steps (the exported batches), got {count}")
        return count

    def train(self, last_step):
        """Steps 0..last_step; returns the wall and process CPU time after each step, and each step's (positions, trained tokens)."""
        model, optimizer, clip = self.model, self.optimizer, self.reference["gradient_clip"]
        model.train()
        ends, cpu, tokens = [], [], []
        for step in range(last_step + 1):
            for group in optimizer.param_groups:
                group["lr"] = self.lr(step)
            ids, labels = self.batches[step]
            loss = lm_loss(model(ids), labels)
            value = loss.item()
            if not math.isfinite(value):
                raise RuntimeError(f"loss {value} at step {step}")
            loss.backward()
            norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), clip))
            if not math.isfinite(norm):
                raise RuntimeError(f"gradient norm {norm} at step {step}")
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            ends.append(time.perf_counter())
            cpu.append(time.process_time())
            tokens.append((ids.numel(), int((labels != IGNORE_INDEX).sum())))
        return ends, cpu, tokens

    def warmup(self, count):
        """Steps 0..count untimed (first calls allocate); prints nothing."""
        self.train(self.steps(count))

    def round(self, count):
        """Times steps 1..count (step 0 is the round's set-up, as in ours); the result line."""
        ends, cpu, tokens = self.train(self.steps(count))
        seconds = [b - a for a, b in zip(ends, ends[1:])]
        total = sum(seconds)
        positions, trained = sum(t[0] for t in tokens[1:]), sum(t[1] for t in tokens[1:])
        return (f"TRAIN impl=peer workload={self.name} steps={count} seconds={total:.4f} positions={positions} trained={trained} "
                f"step_ms_median={1000 * statistics.median(seconds):.2f} tok_s={positions / total:.1f} trained_tok_s={trained / total:.1f} cpu_s={cpu[-1] - cpu[0]:.4f} "
                f"step_ms={','.join(f'{1000 * x:.2f}' for x in seconds)}")

    def profile(self, count):
        """The same step with a timestamp after each phase; median ms per phase over steps 1..count."""
        model, optimizer, clip = self.model, self.optimizer, self.reference["gradient_clip"]
        model.train()
        phases = ["batch", "forward", "loss", "backward", "clip", "adamw", "zero_grad", "release"]
        samples = {p: [] for p in phases}
        for step in range(self.steps(count) + 1):
            marks = [time.perf_counter()]
            for group in optimizer.param_groups:
                group["lr"] = self.lr(step)
            ids, labels = self.batches[step]
            marks.append(time.perf_counter())
            logits = model(ids)
            marks.append(time.perf_counter())
            loss = lm_loss(logits, labels)
            loss.item()
            marks.append(time.perf_counter())
            loss.backward()
            marks.append(time.perf_counter())
            float(torch.nn.utils.clip_grad_norm_(model.parameters(), clip))
            marks.append(time.perf_counter())
            optimizer.step()
            marks.append(time.perf_counter())
            optimizer.zero_grad(set_to_none=True)
            marks.append(time.perf_counter())
            del logits, loss  # what ours' dispose scope frees at the end of the step
            marks.append(time.perf_counter())
            if step > 0:
                for p, a, b in zip(phases, marks, marks[1:]):
                    samples[p].append(1000 * (b - a))
        return (f"PROFILE impl=peer workload={self.name} steps={count} "
                + " ".join(f"{p}_ms={statistics.median(samples[p]):.2f}" for p in phases))

    def op_profile(self, count):
        """Steps 1..count under the autograd profiler: how many libtorch ops a step runs and which take the time."""
        self.train(0)
        with torch.autograd.profiler.profile() as prof:
            self.train(self.steps(count))
        events = prof.key_averages()
        total = sum(e.self_cpu_time_total for e in events)
        calls = sum(e.count for e in events)
        lines = [f"# op profile ({self.name}, steps 0-{count}, {torch.get_num_threads()} intra-op thread): {calls / (count + 1):.0f} ops per step, "
                 f"self CPU time {total / 1e3 / (count + 1):.1f} ms per step; top ops by self CPU time:"]
        for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:12]:
            lines.append(f"#   {e.key:42s} {e.count / (count + 1):7.1f} calls/step {e.self_cpu_time_total / 1e3 / (count + 1):9.1f} ms/step "
                         f"{100 * e.self_cpu_time_total / total:5.1f}%")
        return "\n".join(lines)

    def check(self):
        """Ours' reference step on batch 0 in eval mode (no dropout), on a fresh copy of the initial weights."""
        model, optimizer = self.fresh()
        ref = self.reference
        model.eval()
        ids, labels = self.batches[0]
        loss = lm_loss(model(ids), labels)
        loss.backward()
        norm = float(torch.nn.utils.clip_grad_norm_(model.parameters(), ref["gradient_clip"]))
        optimizer.step()
        with torch.no_grad():
            after = lm_loss(model(ids), labels).item()
        close = lambda a, b, tol: abs(a - b) <= tol * max(1.0, abs(b))
        ok = close(loss.item(), ref["loss"], 1e-5) and close(norm, ref["grad_norm"], 1e-4) and close(after, ref["loss_after_step"], 1e-4)
        return (f"# peer check against ours ({self.name}, batch 0 {list(ids.shape)}, eval mode): loss {loss.item():.6f} vs {ref['loss']:.6f}, "
                f"grad norm {norm:.6f} vs {ref['grad_norm']:.6f}, loss after one AdamW step {after:.6f} vs {ref['loss_after_step']:.6f}"
                f" -> {'OK' if ok else 'FAILED'}"), ok


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--home", required=True)
    p.add_argument("--workload", required=True, choices=["pretrain", "sft"])
    p.add_argument("--threads", type=int, default=1, help="intra-op threads; 1 is libtorch's default here and ours'")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--serve", action="store_true")
    p.add_argument("--op-profile", type=int, metavar="N", help="first print the libtorch ops of steps 0..N (autograd profiler)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)  # the dropout masks
    print(f"# peer: torch {torch.__version__}, intra-op threads {torch.get_num_threads()}, interop threads {torch.get_num_interop_threads()}, "
          f"Python {sys.version.split()[0]}, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}", flush=True)
    workload = Workload(a.home, a.workload)
    line, ok = workload.check()
    print(line, flush=True)
    if not ok:
        print("ERROR the peer does not compute the same training step as ours; its timings would not be comparable", flush=True)
        sys.exit(1)
    if a.op_profile:
        print(workload.op_profile(a.op_profile), flush=True)
    if not a.serve:
        return
    answers = {  # command -> what it prints (None: nothing)
        "ready": lambda arg: None,
        "warmup": lambda arg: workload.warmup(int(arg)),
        "round": lambda arg: workload.round(int(arg)),
        "profile": lambda arg: workload.profile(int(arg)),
        "stats": lambda arg: f"STATS impl=peer peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}",
    }
    for command, _, arg in (line.strip().partition(" ") for line in sys.stdin):
        if command == "quit":
            break
        if not command:
            continue
        try:
            answer = answers[command](arg) if command in answers else f"ERROR unknown command '{command}'"
        except ValueError as e:
            answer = f"ERROR {command}: {e}"
        if answer is not None:
            print(answer)
        print("DONE", flush=True)

if __name__ == "__main__":
    main()
