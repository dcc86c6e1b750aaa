namespace InstructGpt.Torch.Tests;

/// <summary>PyTorch-style indexing (x[.., ^1], ranges, None, Ellipsis) against values worked out by hand.</summary>
public class TensorIndexTests
{
    /// <summary>x[i, j, k] = 12i + 4j + k, shape [2, 3, 4].</summary>
    private static Tensor Cube() => torch.arange(24).reshape(2, 3, 4);

    private static long[] Expected(IEnumerable<(int i, int j, int k)> positions) => positions.Select(p => 12L * p.i + 4 * p.j + p.k).ToArray();

    private static IEnumerable<int> Span(int start, int end) => Enumerable.Range(start, end - start);

    [Fact]
    public void RangeAllThenFromEnd()
    {
        // Python: x[:, -1]
        using var scope = torch.NewDisposeScope();
        var y = Cube()[.., ^1];
        Assert.Equal([2L, 4], y.shape);
        Assert.Equal(Expected(from i in Span(0, 2) from k in Span(0, 4) select (i, 2, k)), y.ToArray<long>());
    }

    [Fact]
    public void EllipsisThenFromEnd()
    {
        // Python: x[..., -1]
        using var scope = torch.NewDisposeScope();
        var y = Cube()[TensorIndex.Ellipsis, ^1];
        Assert.Equal([2L, 3], y.shape);
        Assert.Equal(new long[] { 3, 7, 11, 15, 19, 23 }, y.ToArray<long>());
    }

    [Fact]
    public void SingleIntegerDropsTheDimension()
    {
        using var scope = torch.NewDisposeScope();
        var y = Cube()[1];
        Assert.Equal([3L, 4], y.shape);
        Assert.Equal(Enumerable.Range(12, 12).Select(v => (long)v), y.ToArray<long>());
        Assert.Equal(23, Cube()[^1, ^1, ^1].item<long>());
        Assert.Empty(Cube()[1, 2, 3].shape);
    }

    [Fact]
    public void IntegerAndRange()
    {
        // Python: x[0, 1:3]
        using var scope = torch.NewDisposeScope();
        var y = Cube()[0, 1..3];
        Assert.Equal([2L, 4], y.shape);
        Assert.Equal(Enumerable.Range(4, 8).Select(v => (long)v), y.ToArray<long>());
    }

    [Fact]
    public void RangesOnEveryDimension()
    {
        // Python: x[:, :, 1:-1]
        using var scope = torch.NewDisposeScope();
        var y = Cube()[.., .., 1..^1];
        Assert.Equal([2L, 3, 2], y.shape);
        Assert.Equal(Expected(from i in Span(0, 2) from j in Span(0, 3) from k in Span(1, 3) select (i, j, k)), y.ToArray<long>());
    }

    [Fact]
    public void NoneInsertsADimension()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([1L, 2, 3, 4], Cube()[TensorIndex.None].shape);
        Assert.Equal([2L, 3, 4, 1], Cube()[TensorIndex.Ellipsis, TensorIndex.None].shape);

        // Python: x[:, None, 0] -> shape [2, 1, 4], values x[i, 0, k]
        var y = Cube()[.., TensorIndex.None, 0];
        Assert.Equal([2L, 1, 4], y.shape);
        Assert.Equal(Expected(from i in Span(0, 2) from k in Span(0, 4) select (i, 0, k)), y.ToArray<long>());
    }

    [Fact]
    public void EllipsisInTheMiddle()
    {
        // Python: x[0, ..., 2] -> [2, 6, 10]; x[None, ..., 1] -> shape [1, 2, 3]
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 2, 6, 10 }, Cube()[0, TensorIndex.Ellipsis, 2].ToArray<long>());
        var y = Cube()[TensorIndex.None, TensorIndex.Ellipsis, 1];
        Assert.Equal([1L, 2, 3], y.shape);
        Assert.Equal(new long[] { 1, 5, 9, 13, 17, 21 }, y.ToArray<long>());
    }

    [Fact]
    public void OneDimensionalSlicesFollowPython()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(10);
        Assert.Equal(new long[] { 7, 8 }, x[^3..^1].ToArray<long>());
        Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7, 8, 9 }, x[2..].ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, x[..^8].ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 4, 6, 8 }, x[TensorIndex.Slice(step: 2)].ToArray<long>());
        Assert.Equal(new long[] { 1, 4, 7 }, x[TensorIndex.Slice(1, null, 3)].ToArray<long>());
        Assert.Equal(new long[] { 8, 9 }, x[TensorIndex.Slice(-2)].ToArray<long>());
        Assert.Empty(x[5..2].ToArray<long>()); // Python x[5:2] is empty
        Assert.Equal(10, x[..].numel());
    }

    [Fact]
    public void TooManyIndicesThrow()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<IndexOutOfRangeException>(() => Cube()[0, 0, 0, 0]);
        Assert.Throws<IndexOutOfRangeException>(() => Cube()[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis]);
    }

    [Fact]
    public void OutOfRangeIntegerIsATorchError()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => Cube()[0, 5]);
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void IndexingGivesViewsThatShareStorage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(3, 4);
        x[1].fill_(2);
        x[.., ^1].fill_(5);
        Assert.Equal(new float[] { 0, 0, 0, 5, 2, 2, 2, 5, 0, 0, 0, 5 }, x.ToArray<float>());
    }

    [Fact]
    public void SetterCopiesIntoTheIndexedRegion()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(3, 4);
        x[0] = torch.tensor(new float[] { 1, 2, 3, 4 });
        x[1.., 0] = torch.tensor(new float[] { 7, 8 });
        x[2, 2..] = torch.full([1], 9.0); // broadcast
        Assert.Equal(new float[] { 1, 2, 3, 4, 7, 0, 0, 0, 8, 0, 9, 9 }, x.ToArray<float>());
    }

    [Fact]
    public void TensorIndices()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(12).reshape(4, 3);
        Assert.Equal(new long[] { 6, 7, 8, 0, 1, 2, 6, 7, 8 }, x[torch.tensor(new long[] { 2, 0, 2 })].ToArray<long>());
        var mask = torch.tensor(new[] { true, false, false, true });
        Assert.Equal(new long[] { 0, 1, 2, 9, 10, 11 }, x[mask].ToArray<long>());
        x[mask] = torch.full([3], -1L);
        Assert.Equal(new long[] { -1, -1, -1, 3, 4, 5, 6, 7, 8, -1, -1, -1 }, x.ToArray<long>());
    }

    [Fact]
    public void IndexingDoesNotLeakIntermediateViews()
    {
        using var scope = torch.NewDisposeScope();
        var x = Cube();
        var before = scope.Count;
        var y = x[0, TensorIndex.None, 1.., ^1];
        Assert.Equal([1L, 2], y.shape);
        Assert.Equal(new long[] { 7, 11 }, y.ToArray<long>());
        Assert.Equal(before + 1, scope.Count); // only the result is owned
    }
}
