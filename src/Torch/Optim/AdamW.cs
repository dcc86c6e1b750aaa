using System.Globalization;
using System.Text.Json;
using InstructGpt.Torch.Modules;
using InstructGpt.Torch.Safetensors;

namespace InstructGpt.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019), with the same update as
/// torch.optim.AdamW:
///   θ ← θ·(1 − lr·λ);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
///   θ ← θ − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε).
/// Parameters without a gradient are skipped and keep their own step count, as in PyTorch.
/// </summary>
public sealed class AdamW : IDisposable
{
    private sealed class State(Tensor expAvg, Tensor expAvgSq)
    {
        public long Step;
        public Tensor ExpAvg { get; } = expAvg;
        public Tensor ExpAvgSq { get; } = expAvgSq;
    }

    private readonly List<ParamGroup> groups;
    private readonly Dictionary<Parameter, State> state = new(ReferenceEqualityComparer.Instance);

    private double learningRate;

    /// <summary>The learning rate of every group; setting it (what an LR schedule does each step) clears per-group overrides.</summary>
    public double lr
    {
        get => learningRate;
        set
        {
            learningRate = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(lr), value, "learning rate must be >= 0");
            foreach (var g in groups) g.LearningRate = null;
        }
    }
    public double beta1 { get; }
    public double beta2 { get; }
    public double eps { get; }
    public double weight_decay { get; }

    public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weight_decay) { }

    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weight_decay = 0.01)
    {
        this.groups = groups.ToList();
        learningRate = lr >= 0 ? lr : throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be >= 0");
        this.beta1 = beta1 is >= 0 and < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        this.beta2 = beta2 is >= 0 and < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        this.eps = eps >= 0 ? eps : throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be >= 0");
        this.weight_decay = weight_decay >= 0 ? weight_decay : throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, "weight decay must be >= 0");
        var all = this.groups.SelectMany(g => g.Parameters).ToList();
        if (all.Distinct(ReferenceEqualityComparer.Instance).Count() != all.Count)
            throw new ArgumentException("a parameter appears in more than one parameter group");
    }

    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>The largest step count over the parameters.</summary>
    public long steps => state.Count == 0 ? 0 : state.Values.Max(s => s.Step);

    public void zero_grad()
    {
        foreach (var p in groups.SelectMany(g => g.Parameters)) p.grad = null;
    }

    public void step()
    {
        using var noGrad = torch.no_grad();
        foreach (var group in groups)
        {
            var groupLr = group.LearningRate ?? lr;
            var b1 = group.Beta1 ?? beta1;
            var b2 = group.Beta2 ?? beta2;
            var groupEps = group.Eps ?? eps;
            var decay = group.WeightDecay ?? weight_decay;
            foreach (var p in group.Parameters)
            {
                using var scope = torch.NewDisposeScope();
                var grad = p.grad;
                if (grad is null) continue;
                if (!state.TryGetValue(p, out var s))
                {
                    s = new State(torch.zeros_like(p).DetachFromDisposeScope(), torch.zeros_like(p).DetachFromDisposeScope());
                    state[p] = s;
                }
                s.Step++;
                if (decay != 0) p.mul_(1 - groupLr * decay);
                s.ExpAvg.lerp_(grad, 1 - b1);
                s.ExpAvgSq.mul_(b2).addcmul_(grad, grad, 1 - b2);
                var biasCorrection1 = 1 - Math.Pow(b1, s.Step);
                var biasCorrection2 = 1 - Math.Pow(b2, s.Step);
                var denominator = s.ExpAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(groupEps);
                p.addcdiv_(s.ExpAvg, denominator, -groupLr / biasCorrection1);
            }
        }
    }

    /// <summary>
    /// Saves the moments and step counts to a safetensors file, keyed by each parameter's position in
    /// the groups, with the hyperparameters in the metadata, for exact resume.
    /// </summary>
    public void save_state(string path)
    {
        var tensors = new Dictionary<string, Tensor>();
        var steps = new Dictionary<string, long>();
        var index = 0;
        foreach (var p in groups.SelectMany(g => g.Parameters))
        {
            if (state.TryGetValue(p, out var s))
            {
                tensors[$"{index}.exp_avg"] = s.ExpAvg;
                tensors[$"{index}.exp_avg_sq"] = s.ExpAvgSq;
                steps[index.ToString(CultureInfo.InvariantCulture)] = s.Step;
            }
            index++;
        }
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "instructgpt.adamw.v1",
            ["parameters"] = index.ToString(CultureInfo.InvariantCulture),
            ["steps"] = JsonSerializer.Serialize(steps),
            ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture),
            ["betas"] = $"{beta1.ToString("R", CultureInfo.InvariantCulture)},{beta2.ToString("R", CultureInfo.InvariantCulture)}",
            ["eps"] = eps.ToString("R", CultureInfo.InvariantCulture),
            ["weight_decay"] = weight_decay.ToString("R", CultureInfo.InvariantCulture),
        };
        SafetensorsWriter.Save(path, tensors, metadata);
    }

    /// <summary>Restores what <see cref="save_state"/> wrote; the parameters must be the same, in the same order.</summary>
    public void load_state(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var all = groups.SelectMany(g => g.Parameters).ToList();
        if (!file.Metadata.TryGetValue("format", out var format) || format != "instructgpt.adamw.v1")
            throw new InvalidDataException($"{path}: not an AdamW state file (metadata 'format' is missing or not instructgpt.adamw.v1)");
        var count = int.Parse(file.Metadata["parameters"], CultureInfo.InvariantCulture);
        if (count != all.Count)
            throw new InvalidDataException($"{path}: the state is for {count} parameters but this optimizer has {all.Count}");
        var steps = JsonSerializer.Deserialize<Dictionary<string, long>>(file.Metadata["steps"]) ?? [];
        learningRate = double.Parse(file.Metadata["lr"], CultureInfo.InvariantCulture);
        foreach (var s in state.Values)
        {
            s.ExpAvg.Dispose();
            s.ExpAvgSq.Dispose();
        }
        state.Clear();
        for (var i = 0; i < all.Count; i++)
        {
            if (!steps.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var step)) continue;
            var p = all[i];
            var expAvg = file.Load($"{i}.exp_avg", p.dtype, p.device).DetachFromDisposeScope();
            var expAvgSq = file.Load($"{i}.exp_avg_sq", p.dtype, p.device).DetachFromDisposeScope();
            if (!expAvg.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"{path}: parameter {i} has shape [{string.Join(", ", p.shape)}] but its saved moments are [{string.Join(", ", expAvg.shape)}]");
            state[p] = new State(expAvg, expAvgSq) { Step = step };
        }
    }

    public void Dispose()
    {
        foreach (var s in state.Values)
        {
            s.ExpAvg.Dispose();
            s.ExpAvgSq.Dispose();
        }
        state.Clear();
    }
}
