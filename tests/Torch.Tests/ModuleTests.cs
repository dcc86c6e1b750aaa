using InstructGpt.Torch.Modules;
using InstructGpt.Torch.Optim;
using InstructGpt.Torch.Safetensors;

namespace InstructGpt.Torch.Tests;

/// <summary>Module trees: hierarchical names, train/eval, dtype moves, counting and strict loading.</summary>
public class ModuleTests
{
    // A GPT-2-shaped model in miniature: vocab 10, context 6, width 4, 2 blocks.
    private sealed class Attention : Module
    {
        public Linear c_attn { get; }
        public Linear c_proj { get; }
        public Dropout attn_dropout { get; }

        public Attention(long n, long context, Generator g)
        {
            c_attn = register_module("c_attn", new Linear(n, 3 * n, generator: g));
            c_proj = register_module("c_proj", new Linear(n, n, generator: g));
            attn_dropout = register_module("attn_dropout", new Dropout(0.5));
            using var scope = torch.NewDisposeScope();
            register_buffer("bias", torch.ones([context, context], DType.Bool).tril());
        }
    }

    private sealed class Mlp : Module
    {
        public Mlp(long n, Generator g)
        {
            register_module("c_fc", new Linear(n, 4 * n, generator: g));
            register_module("c_proj", new Linear(4 * n, n, generator: g));
        }
    }

    private sealed class Block : Module
    {
        public Attention attn { get; }

        public Block(long n, long context, Generator g)
        {
            register_module("ln_1", new LayerNorm(n));
            attn = register_module("attn", new Attention(n, context, g));
            register_module("ln_2", new LayerNorm(n));
            register_module("mlp", new Mlp(n, g));
        }
    }

    /// <summary>The output layer, sharing the token embedding's weight (GPT-2's weight tying).</summary>
    private sealed class TiedHead : Module
    {
        public TiedHead(Parameter weight) => register_parameter("weight", weight);
    }

    private sealed class TinyGpt : Module
    {
        public Embedding wte { get; }
        public Dropout drop { get; }
        public ModuleList<Block> h { get; }

        public TinyGpt(ulong seed, int layers = 2, bool tied = false)
        {
            using var g = new Generator(seed);
            wte = register_module("wte", new Embedding(10, 4, 0.02, generator: g));
            register_module("wpe", new Embedding(6, 4, 0.01, generator: g));
            drop = register_module("drop", new Dropout(0.5));
            h = register_module("h", new ModuleList<Block>(Enumerable.Range(0, layers).Select(_ => new Block(4, 6, g))));
            register_module("ln_f", new LayerNorm(4));
            if (tied) register_module("lm_head", new TiedHead(wte.weight));
        }
    }

    private static readonly string[] BlockKeys =
    [
        "ln_1.weight", "ln_1.bias",
        "attn.c_attn.weight", "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias", "attn.bias",
        "ln_2.weight", "ln_2.bias",
        "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias",
    ];

    [Fact]
    public void StateDictUsesHierarchicalNames()
    {
        using var model = new TinyGpt(1);
        var expected = new List<string> { "wte.weight", "wpe.weight" };
        for (var i = 0; i < 2; i++) expected.AddRange(BlockKeys.Select(k => $"h.{i}.{k}"));
        expected.AddRange(["ln_f.weight", "ln_f.bias"]);

        var state = model.state_dict();
        Assert.Equal(expected.Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([12L, 4], state["h.0.attn.c_attn.weight"].shape);
        Assert.Equal([12L], state["h.1.attn.c_attn.bias"].shape);
        Assert.Equal([6L, 6], state["h.1.attn.bias"].shape);
        Assert.Equal(DType.Bool, state["h.1.attn.bias"].dtype);
        Assert.Same(model.h[1].attn.c_attn.weight, state["h.1.attn.c_attn.weight"]);

        // Parameters (not buffers), in registration order, depth first.
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(["wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.ln_1.bias", "h.0.attn.c_attn.weight"], names.Take(5));
        Assert.Equal(["ln_f.weight", "ln_f.bias"], names.TakeLast(2));
        Assert.DoesNotContain("h.0.attn.bias", names);
        Assert.Equal(["h.0.attn.bias", "h.1.attn.bias"], model.named_buffers().Select(b => b.name));
    }

    [Fact]
    public void NamedModulesWalksTheTree()
    {
        using var model = new TinyGpt(1, layers: 1);
        var names = model.named_modules().Select(m => m.name).ToList();
        Assert.Equal(["", "wte", "wpe", "drop", "h", "h.0", "h.0.ln_1", "h.0.attn", "h.0.attn.c_attn", "h.0.attn.c_proj",
            "h.0.attn.attn_dropout", "h.0.ln_2", "h.0.mlp", "h.0.mlp.c_fc", "h.0.mlp.c_proj", "ln_f"], names);
    }

    [Fact]
    public void ParameterCountMatchesTheArchitecture()
    {
        // wte 10·4 + wpe 6·4 + 2 blocks × (ln 8 + c_attn 4·12+12 + c_proj 4·4+4 + ln 8 + c_fc 4·16+16 + c_proj 16·4+4) + ln_f 8
        // = 40 + 24 + 2 × 244 + 8 = 560; buffers are not parameters.
        using var model = new TinyGpt(1);
        Assert.Equal(560, model.parameter_count());
        Assert.Equal(2 + 2 * 12 + 2, model.parameters().Count);
    }

    [Fact]
    public void TiedParametersAreCountedOnce()
    {
        using var model = new TinyGpt(1, tied: true);
        Assert.Equal(560, model.parameter_count());
        Assert.Same(model.wte.weight, model.state_dict()["lm_head.weight"]);
        Assert.Equal(2 + 2 * 12 + 2, model.parameters().Count);
    }

    [Fact]
    public void TrainAndEvalToggleDropoutThroughTheWholeTree()
    {
        using var model = new TinyGpt(1);
        using var scope = torch.NewDisposeScope();
        var dropout = model.h[1].attn.attn_dropout;
        var x = torch.ones(4000);

        Assert.True(model.training);
        Assert.True(dropout.training);
        var trained = dropout.forward(x).ToArray<float>();
        var zeros = trained.Count(v => v == 0);
        Assert.InRange(zeros, 1600, 2400); // p = 0.5
        Assert.All(trained, v => Assert.True(v == 0 || v == 2, $"kept values are scaled by 1/(1−p) = 2, got {v}"));

        model.eval();
        Assert.False(model.training);
        Assert.All(model.named_modules(), m => Assert.False(m.module.training, $"{m.name} is still training"));
        Assert.Equal(x.ToArray<float>(), dropout.forward(x).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), model.drop.forward(x).ToArray<float>());

        model.train();
        Assert.All(model.named_modules(), m => Assert.True(m.module.training, $"{m.name} is not training"));
        Assert.Contains(0f, model.drop.forward(x).ToArray<float>());
    }

    [Fact]
    public void ToDTypeKeepsTheParameterObjects()
    {
        using var model = new TinyGpt(1);
        using var optimizer = new AdamW(model.parameters(), lr: 0.1);
        var before = model.named_parameters().ToList();
        var values = before.Select(p => p.parameter.ToArray<float>()).ToList();

        model.to(DType.Float64);

        var after = model.named_parameters().ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Same(before[i].parameter, after[i].parameter);
            Assert.Equal(DType.Float64, after[i].parameter.dtype);
            Assert.True(after[i].parameter.requires_grad);
            Assert.True(after[i].parameter.is_leaf);
            Assert.Equal(values[i].Select(v => (double)v), after[i].parameter.ToArray<double>());
        }
        Assert.Equal(DType.Bool, model.state_dict()["h.0.attn.bias"].dtype); // non-float buffers keep their dtype

        // The optimizer built before the move still trains the same (now float64) tensors.
        using (var scope = torch.NewDisposeScope())
        {
            var w = model.wte.weight;
            model.wte.forward(torch.tensor(new long[] { 1, 2 })).sum().backward();
            Assert.Equal(DType.Float64, w.grad!.dtype);
            var old = w.ToArray<double>()[4];
            optimizer.step();
            Assert.NotEqual(old, w.ToArray<double>()[4]);
            Assert.Equal(DType.Float64, w.dtype);
        }
    }

    [Fact]
    public void LoadStateDictReportsEveryProblemAtOnce()
    {
        using var model = new TinyGpt(1);
        using var scope = torch.NewDisposeScope();
        var state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        state.Remove("ln_f.bias");
        state.Remove("h.1.mlp.c_fc.weight");
        state["extra.weight"] = torch.zeros(3);
        state["wte.weight"] = torch.zeros(11, 4);
        state["h.0.attn.c_attn.bias"] = torch.zeros(4);
        var wpeBefore = model.state_dict()["wpe.weight"].ToArray<float>();
        state["wpe.weight"] = torch.ones(6, 4);

        var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(state));
        Assert.Contains("missing: ln_f.bias", error.Message);
        Assert.Contains("missing: h.1.mlp.c_fc.weight", error.Message);
        Assert.Contains("unexpected: extra.weight", error.Message);
        Assert.Contains("wte.weight", error.Message);
        Assert.Contains("[10, 4]", error.Message);
        Assert.Contains("[11, 4]", error.Message);
        Assert.Contains("h.0.attn.c_attn.bias", error.Message);
        // Nothing was half-loaded.
        Assert.Equal(wpeBefore, model.state_dict()["wpe.weight"].ToArray<float>());
    }

    [Fact]
    public void NonStrictLoadIgnoresMissingAndUnexpectedKeys()
    {
        using var model = new TinyGpt(1);
        using var scope = torch.NewDisposeScope();
        model.load_state_dict(new Dictionary<string, Tensor>
        {
            ["wpe.weight"] = torch.ones([6, 4], DType.Float64),
            ["something.else"] = torch.zeros(1),
        }, strict: false);
        Assert.All(model.state_dict()["wpe.weight"].ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void LoadStateDictCopiesValuesIntoTheSameParameters()
    {
        using var source = new TinyGpt(1);
        using var target = new TinyGpt(2);
        var parameters = target.parameters();
        Assert.NotEqual(source.wte.weight.ToArray<float>(), target.wte.weight.ToArray<float>());
        target.load_state_dict(source.state_dict());
        Assert.Equal(parameters, target.parameters());
        foreach (var (name, tensor) in source.state_dict())
        {
            using var scope = torch.NewDisposeScope();
            Assert.True(tensor.eq(target.state_dict()[name]).all().item<bool>(), name);
        }
    }

    [Fact]
    public void StateDictSurvivesASafetensorsRoundTrip()
    {
        var path = Path.Combine(Path.GetTempPath(), $"igt-module-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var source = new TinyGpt(3);
            using var target = new TinyGpt(4);
            SafetensorsWriter.Save(path, source.state_dict(), new Dictionary<string, string> { ["format"] = "pt" });
            using (var file = SafetensorsFile.Open(path))
            {
                var loaded = file.LoadAll();
                target.load_state_dict(loaded);
                foreach (var t in loaded.Values) t.Dispose();
            }
            Assert.Equal(source.h[1].attn.c_attn.weight.ToArray<float>(), target.h[1].attn.c_attn.weight.ToArray<float>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ZeroGradClearsEveryGradient()
    {
        using var model = new TinyGpt(1);
        using (var scope = torch.NewDisposeScope())
            model.wte.forward(torch.tensor(new long[] { 3 })).sum().backward();
        using (var g = model.wte.weight.grad) Assert.NotNull(g);
        model.zero_grad();
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
    }

    private sealed class BadNames : Module
    {
        public BadNames(string first, string second)
        {
            register_module(first, new LayerNorm(2));
            register_module(second, new LayerNorm(2));
        }
    }

    [Fact]
    public void InvalidOrDuplicateNamesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new BadNames("a.b", "c"));
        Assert.Throws<ArgumentException>(() => new BadNames("", "c"));
        var error = Assert.Throws<ArgumentException>(() => new BadNames("same", "same"));
        Assert.Contains("already registered", error.Message);
    }

    [Fact]
    public void LinearMatchesItsFormula()
    {
        // y = x Wᵀ + b, computed by hand.
        using var layer = new Linear(3, 2);
        using var scope = torch.NewDisposeScope();
        var w = layer.weight.ToArray<float>();
        var b = layer.bias!.ToArray<float>();
        var bound = 1 / Math.Sqrt(3);
        Assert.All(w.Concat(b), v => Assert.InRange(v, -bound, bound));
        var x = new float[] { 1, -2, 0.5f };
        var y = layer.forward(torch.tensor(x, [1, 3])).ToArray<float>();
        for (var o = 0; o < 2; o++)
            Assert.Equal(w[o * 3] * x[0] + w[o * 3 + 1] * x[1] + w[o * 3 + 2] * x[2] + b[o], y[o], 1e-6);
    }

    [Fact]
    public void LayerNormMatchesItsFormula()
    {
        using var norm = new LayerNorm(4);
        using var scope = torch.NewDisposeScope();
        var x = new double[] { 1, 2, 4, 7 };
        var mean = x.Average();
        var variance = x.Select(v => (v - mean) * (v - mean)).Average(); // biased, as LayerNorm
        norm.to(DType.Float64);
        var y = norm.forward(torch.tensor(x)).ToArray<double>();
        for (var i = 0; i < 4; i++) Assert.Equal((x[i] - mean) / Math.Sqrt(variance + 1e-5), y[i], 1e-12);
    }
}
