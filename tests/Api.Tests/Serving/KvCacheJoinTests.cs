using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Tests.Serving;

/// <summary>KvCache.Concat and Compact, the two operations continuous batching adds, leave every row's logits unchanged.</summary>
public sealed class KvCacheJoinTests
{
    [Fact]
    public void JoinedAndCompactedRowsDecodeLikeRowsAlone()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var generator = new Generator(3);
        using var model = new GptLanguageModel(TestCheckpoints.Config with { NPositions = 32 }, generator);
        model.eval();
        long[] a = [10, 20, 30, 40, 50, 60, 70], b = [5, 6];

        Tensor Alone(long[] prompt, long next)
        {
            using var cache = new KvCache(model.Config, 1, 32, torch.CPU, ScalarType.Float32);
            model.LastLogits(torch.tensor(prompt, new long[] { 1, prompt.Length }), null, cache);
            return model.LastLogits(torch.tensor(new[] { next }, new long[] { 1, 1 }), null, cache);
        }

        using var cacheA = new KvCache(model.Config, 1, 7, torch.CPU, ScalarType.Float32);
        using var cacheB = new KvCache(model.Config, 1, 2, torch.CPU, ScalarType.Float32);
        model.LastLogits(torch.tensor(a, new long[] { 1, a.Length }), null, cacheA);
        model.LastLogits(torch.tensor(b, new long[] { 1, b.Length }), null, cacheB);
        using var joined = KvCache.Concat(cacheB, cacheA, 32); // b is right-aligned behind 5 columns of padding
        Assert.Equal(7, joined.Length);
        var both = model.LastLogits(torch.tensor(new long[] { 1, 2 }, new long[] { 2, 1 }), null, joined);
        Assert.True(both[0].allclose(Alone(b, 1)[0], rtol: 1e-4, atol: 1e-5));
        Assert.True(both[1].allclose(Alone(a, 2)[0], rtol: 1e-4, atol: 1e-5));

        // The long row leaves; compaction squeezes the short row's padding out.
        joined.SelectRows(torch.tensor(new long[] { 0 }));
        Assert.Equal(5, joined.Compact());
        Assert.Equal(3, joined.Length);
        var after = model.LastLogits(torch.tensor(new long[] { 9 }, new long[] { 1, 1 }), null, joined);
        using var reference = new KvCache(model.Config, 1, 32, torch.CPU, ScalarType.Float32);
        model.LastLogits(torch.tensor(new long[] { 5, 6, 1 }, new long[] { 1, 3 }), null, reference);
        var expected = model.LastLogits(torch.tensor(new long[] { 9 }, new long[] { 1, 1 }), null, reference);
        Assert.True(after.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }
}
