using System.Text.Json;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tests.Model;
using InstructGpt.Inference.Tests.Reference;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("igt-ckpt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData("F32", false, false)]
    [InlineData("F16", false, true)]
    [InlineData("BF16", true, false)]
    [InlineData("F32", true, true)]
    public void AHuggingFaceLayoutCheckpointFromPlainPyTorchGivesItsLogits(string dtype, bool unprefixed, bool lmHead)
    {
        var dir = Path.Combine(root, $"hf-{dtype}-{unprefixed}-{lmHead}");
        var args = new List<string> { dir, "--dtype", dtype, "--seed", "7" };
        if (unprefixed) args.Add("--unprefixed");
        if (lmHead) args.Add("--lm-head");
        PythonReference.Run([.. args]);

        using var model = Checkpoint.Open(dir).LoadLanguageModel(ScalarType.Float32, torch.CPU);
        AssertLogitsMatchReference(model, dir);
    }

    [Fact]
    public void OurCheckpointGivesOurLogitsInTheIndependentReader()
    {
        using var model = TestModels.Language(seed: 12);
        var dir = Path.Combine(root, "ours-for-python");
        CheckpointWriter.Save(dir, model, model.Config, new CheckpointMetadata { Stage = "base" }, null);
        PythonReference.Run(dir, "--load");
        AssertLogitsMatchReference(model, dir);
    }

    /// <summary>Compares our logits with those the Python reference wrote to reference.json for the same ids.</summary>
    private static void AssertLogitsMatchReference(GptLanguageModel model, string dir)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "reference.json")));
        var ids = reference.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var expected = reference.RootElement.GetProperty("logits").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(e => e.GetSingle())).ToArray();
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.forward(torch.tensor(ids, new long[] { 1, ids.Length }, device: torch.CPU)).data<float>().ToArray();
        Assert.Equal(expected.Length, logits.Length);
        var maxDiff = expected.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxDiff <= 1e-4, $"max abs logit difference {maxDiff}");
    }

    [Fact]
    public void SaveThenLoadIsBitExact()
    {
        using var model = TestModels.Language(seed: 11);
        var dir = Path.Combine(root, "ours");
        CheckpointWriter.Save(dir, model, model.Config, new CheckpointMetadata { Stage = "sft", Steps = 12 }, null);
        var checkpoint = Checkpoint.Open(dir);
        Assert.Equal("sft", checkpoint.Metadata!.Stage);
        using var loaded = checkpoint.LoadLanguageModel(ScalarType.Float32, torch.CPU);
        var before = model.state_dict();
        foreach (var (name, tensor) in loaded.state_dict())
            Assert.Equal(Bytes(before[name]), Bytes(tensor));
        Assert.DoesNotContain(Directory.GetDirectories(root), d => Path.GetFileName(d).StartsWith('.'));
    }

    /// <summary>
    /// Like from_pretrained, a loaded model has dropout off, whatever rates its config keeps (SFT saves 0.2): two
    /// forward passes agree exactly. A model left in training mode would sample and score through random masks.
    /// </summary>
    [Fact]
    public void LoadedModelsAreInEvaluationMode()
    {
        using var model = TestModels.Language(seed: 13);
        var dir = Path.Combine(root, "with-dropout");
        CheckpointWriter.Save(dir, model, model.Config with { ResidPdrop = 0.5, EmbdPdrop = 0.5, AttnPdrop = 0.5 }, new CheckpointMetadata { Stage = "sft" }, null);
        var checkpoint = Checkpoint.Open(dir);
        using var language = checkpoint.LoadLanguageModel(ScalarType.Float32, torch.CPU);
        using var reward = checkpoint.LoadRewardModel(ScalarType.Float32, torch.CPU);
        using var value = checkpoint.LoadValueModel(ScalarType.Float32, torch.CPU);
        Assert.False(language.training);
        Assert.False(reward.training);
        Assert.False(value.training);
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [1, 6], device: torch.CPU);
        Assert.Equal(Bytes(language.forward(ids)), Bytes(language.forward(ids)));
    }

    [Fact]
    public void SavingOverAnExistingCheckpointReplacesIt()
    {
        var dir = Path.Combine(root, "replaced");
        using var first = TestModels.Language(seed: 1);
        using var second = TestModels.Language(seed: 2);
        CheckpointWriter.Save(dir, first, first.Config, new CheckpointMetadata { Steps = 1 }, null);
        CheckpointWriter.Save(dir, second, second.Config, new CheckpointMetadata { Steps = 2 }, null);
        Assert.Equal(2, Checkpoint.Open(dir).Metadata!.Steps);
        Assert.Single(Directory.GetDirectories(root));
    }

    [Fact]
    public void LoadsConvertToTheRequestedDtype()
    {
        using var model = TestModels.Language(seed: 4);
        var dir = Path.Combine(root, "bf16");
        CheckpointWriter.Save(dir, model, model.Config, new CheckpointMetadata(), null);
        using var loaded = Checkpoint.Open(dir).LoadLanguageModel(ScalarType.BFloat16, torch.CPU);
        Assert.All(loaded.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
    }

    [Fact]
    public void MissingAndMisshapenTensorsAreAllReported()
    {
        using var model = TestModels.Language(seed: 5);
        var dir = Path.Combine(root, "broken");
        CheckpointWriter.Save(dir, model, model.Config, new CheckpointMetadata(), null);
        using var scope = torch.NewDisposeScope();
        var tensors = model.state_dict().Where(kv => kv.Key != "transformer.h.1.mlp.c_fc.bias" && kv.Key != "transformer.ln_f.weight")
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        tensors["transformer.h.0.attn.c_attn.weight"] = torch.zeros(new long[] { 96, 32 }, device: torch.CPU); // transposed: nn.Linear layout
        tensors["transformer.h.9.attn.c_attn.weight"] = torch.zeros(new long[] { 2 }, device: torch.CPU);
        SafetensorsWriter.Save(Path.Combine(dir, CheckpointFiles.Weights), tensors);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Open(dir).LoadLanguageModel(ScalarType.Float32, torch.CPU));
        Assert.Contains("transformer.h.1.mlp.c_fc.bias: missing", error.Message);
        Assert.Contains("transformer.ln_f.weight: missing", error.Message);
        Assert.Contains("transformer.h.0.attn.c_attn.weight: shape [96, 32], expected [32, 96]", error.Message);
        Assert.Contains("transformer.h.9.attn.c_attn.weight: unexpected tensor", error.Message);
    }

    [Fact]
    public void AnInvalidConfigNamesTheFieldAndRange()
    {
        var dir = Path.Combine(root, "badconfig");
        using var model = TestModels.Language();
        CheckpointWriter.Save(dir, model, model.Config, new CheckpointMetadata(), null);
        File.WriteAllText(Path.Combine(dir, CheckpointFiles.Config), model.Config.ToJson().Replace("\"n_head\": 2", "\"n_head\": 5"));
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Open(dir));
        Assert.Contains("n_embd must be a positive multiple of n_head", error.Message);
    }

    [Fact]
    public void TheRewardModelStartsFromAnLmCheckpointAndTheValueModelFromAnRm()
    {
        using var lm = TestModels.Language(seed: 6);
        var lmDir = Path.Combine(root, "lm");
        CheckpointWriter.Save(lmDir, lm, lm.Config, new CheckpointMetadata { Stage = "sft" }, null);
        using var generator = new torch.Generator(1);
        using var rm = Checkpoint.Open(lmDir).LoadRewardModel(ScalarType.Float32, torch.CPU, generator);
        Assert.Equal(Bytes(lm.transformer.wte.weight), Bytes(rm.transformer.wte.weight));
        var rmDir = Path.Combine(root, "rm");
        CheckpointWriter.Save(rmDir, rm, rm.Config, new CheckpointMetadata { Stage = "rm", Head = "reward" }, null);
        using var value = Checkpoint.Open(rmDir).LoadValueModel(ScalarType.Float32, torch.CPU);
        Assert.Equal(Bytes(rm.score.weight), Bytes(value.v_head.weight));
        Assert.Equal(Bytes(rm.score.bias!), Bytes(value.v_head.bias!));
    }

    private static byte[] Bytes(Tensor? t) => t!.contiguous().cpu().bytes.ToArray();
}
