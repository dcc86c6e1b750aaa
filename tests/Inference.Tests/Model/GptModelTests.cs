using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Model;

public class GptModelTests
{
    private static readonly long[][] Prompts = [[5, 17, 42], [7, 8, 9, 10, 11, 12, 13], [3], [60, 61, 62, 63, 64]];
    private const long Pad = 0;

    private static (Tensor ids, Tensor mask) LeftPadded(long[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows[i].Length; j++)
            {
                ids[i * width + width - rows[i].Length + j] = rows[i][j];
                mask[i * width + width - rows[i].Length + j] = 1;
            }
        return (torch.tensor(ids, new long[] { rows.Length, width }, device: torch.CPU), torch.tensor(mask, new long[] { rows.Length, width }, device: torch.CPU));
    }

    [Fact]
    public void LeftPaddedRowsGiveTheSameLogitsAsUnpaddedRows()
    {
        using var model = TestModels.Language();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (ids, mask) = LeftPadded(Prompts);
        var batched = model.forward(ids, mask);
        for (var i = 0; i < Prompts.Length; i++)
        {
            var alone = model.forward(torch.tensor(Prompts[i], new long[] { 1, Prompts[i].Length }, device: torch.CPU));
            var row = batched[i, (^Prompts[i].Length)..];
            var diff = (row - alone[0]).abs().max().item<float>();
            Assert.True(diff <= 1e-5, $"row {i}: max abs diff {diff}");
        }
    }

    [Fact]
    public void KvCacheLogitsEqualFullRecomputationAtEveryStep()
    {
        using var model = TestModels.Language(seed: 2);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (ids, mask) = LeftPadded(Prompts);
        using var cache = new KvCache(model.Config, Prompts.Length, 40, torch.CPU, ScalarType.Float32);
        var logits = model.LastLogits(ids, mask, cache);
        var sequence = ids;
        var fullMask = mask;
        for (var step = 0; step < 20; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var full = model.forward(sequence, fullMask).select(1, -1);
            var diff = (logits - full).abs().max().item<float>();
            Assert.True(diff <= 1e-4, $"step {step}: max abs diff {diff}");
            var next = logits.argmax(-1, keepdim: true);
            var ones = torch.ones(new long[] { Prompts.Length, 1 }, dtype: ScalarType.Int64, device: torch.CPU);
            logits = model.LastLogits(next, ones, cache).MoveToOuterDisposeScope();
            sequence = torch.cat([sequence, next], 1).MoveToOuterDisposeScope();
            fullMask = torch.cat([fullMask, ones], 1).MoveToOuterDisposeScope();
        }
    }

    [Fact]
    public void StateDictUsesHuggingFaceNames()
    {
        using var model = TestModels.Language();
        var names = model.state_dict().Keys.ToList();
        Assert.Contains("transformer.wte.weight", names);
        Assert.Contains("transformer.wpe.weight", names);
        Assert.Contains("transformer.h.0.ln_1.weight", names);
        Assert.Contains("transformer.h.1.attn.c_attn.weight", names);
        Assert.Contains("transformer.h.1.mlp.c_proj.bias", names);
        Assert.Contains("transformer.ln_f.bias", names);
        Assert.Equal([32L, 96L], model.state_dict()["transformer.h.0.attn.c_attn.weight"].shape);
        Assert.Equal(2 + 2 + 2 * 12, names.Count);
    }
}
