using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public class PieceCacheTests
{
    [Fact]
    public void FindsWhatWasAddedBySpan()
    {
        var cache = new PieceCache(capacity: 10);
        cache.Add(" hello", [31373]);

        Assert.True(cache.TryGet(" hello world".AsSpan(0, 6), out var ids));
        Assert.Equal([31373], ids);
        Assert.False(cache.TryGet(" hell", out _));
    }

    [Fact]
    public void NeverHoldsMoreThanItsCapacity()
    {
        var cache = new PieceCache(capacity: 3);
        for (var i = 0; i < 100; i++)
        {
            cache.Add($"piece {i}", [i]);
            Assert.InRange(cache.Count, 1, 3);
            Assert.True(cache.TryGet($"piece {i}", out var ids) && ids[0] == i, "the piece just added is found");
        }
    }

    [Fact]
    public void StaysBoundedWhenManyThreadsAdd()
    {
        var cache = new PieceCache(capacity: 1000);
        Parallel.For(0, 100_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => cache.Add($"piece {i}", [i]));
        // A thread may add between another's check and its clear, and survive that clear uncounted until the next:
        // the overshoot is a few entries per thread.
        Assert.InRange(cache.Count, 0, 1000 + 2 * 4);
    }
}
