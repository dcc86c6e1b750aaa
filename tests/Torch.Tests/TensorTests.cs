using F = InstructGpt.Torch.torch.nn.functional;

namespace InstructGpt.Torch.Tests;

/// <summary>Creation, dtype rules of scalar arithmetic, host copies and their errors.</summary>
public class TensorTests
{
    [Fact]
    public void IntegerScalarArithmeticKeepsInt64()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 1, 2, 3 });
        Assert.Equal(DType.Int64, ids.dtype);

        var plus = ids + 1;
        Assert.Equal(DType.Int64, plus.dtype);
        Assert.Equal(new long[] { 2, 3, 4 }, plus.ToArray<long>());

        Assert.Equal(new long[] { 0, 1, 2 }, (ids - 1).ToArray<long>());
        Assert.Equal(new long[] { 2, 4, 6 }, (ids * 2).ToArray<long>());
        Assert.Equal(new long[] { 11, 12, 13 }, (10L + ids).ToArray<long>());
        Assert.Equal(new long[] { 9, 8, 7 }, (10 - ids).ToArray<long>());
        Assert.Equal(DType.Int64, (ids * 2L).dtype);

        // Large values survive: a scalar passed as double would round 2^53 + 1.
        var big = torch.tensor(new long[] { 1L << 53 }) + 1;
        Assert.Equal((1L << 53) + 1, big.item<long>());

        // In place too.
        ids.add_(5);
        Assert.Equal(new long[] { 6, 7, 8 }, ids.ToArray<long>());
    }

    [Fact]
    public void FloatingScalarsPromoteAsInPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 1, 2, 3 });
        var half = ids * 0.5;
        Assert.Equal(DType.Float32, half.dtype); // the default dtype, as torch
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, half.ToArray<float>());
        Assert.Equal(DType.Float32, (ids / 2).dtype); // true division
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, (ids / 2).ToArray<float>());

        var i32 = torch.tensor(new[] { 1, 2 });
        Assert.Equal(DType.Int32, (i32 + 1).dtype);
        var f64 = torch.tensor(new double[] { 1, 2 });
        Assert.Equal(DType.Float64, (f64 + 1).dtype);
        Assert.Equal(DType.Float32, (torch.ones(2) * 3L).dtype);
        Assert.Equal(DType.Float16, (torch.ones([2], DType.Float16) + 1.5).dtype);
    }

    [Fact]
    public void ComparisonsGiveBool()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 1, 5, 3 });
        var mask = ids > 2;
        Assert.Equal(DType.Bool, mask.dtype);
        Assert.Equal(new[] { false, true, true }, mask.ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, (!mask).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, ids.eq(5).ToArray<bool>());
    }

    [Fact]
    public void ToArrayWithTheWrongTypeThrowsAClearError()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 1, 2 });
        var error = Assert.Throws<InvalidOperationException>(() => ids.ToArray<float>());
        Assert.Contains("int64", error.Message);
        Assert.Contains("float32", error.Message);
        Assert.Contains("to(", error.Message);

        Assert.Throws<InvalidOperationException>(() => torch.ones(2).ToArray<double>());
        Assert.Throws<InvalidOperationException>(() => torch.ones([2], DType.BFloat16).ToArray<float>());
        Assert.Throws<NotSupportedException>(() => torch.ones(2).ToArray<decimal>());
        Assert.Equal(new float[] { 1, 2 }, ids.to(DType.Float32).ToArray<float>());
    }

    [Fact]
    public void CopyToADestinationOfTheWrongLengthFails()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(3);
        var error = Assert.Throws<TorchException>(() => t.CopyTo<float>(new float[2]));
        Assert.Contains("12", error.Message);
    }

    [Fact]
    public void TensorFromDataWithAShape()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(DType.Float64, t.dtype);
        Assert.Equal([2L, 3], t.shape);
        Assert.Equal([3L, 1], t.stride());
        Assert.Equal(5.0, t[1, 1].item<double>());
        var error = Assert.Throws<TorchException>(() => torch.tensor(new double[] { 1, 2, 3 }, [2, 2]));
        Assert.Contains("needs 32 bytes", error.Message);
    }

    [Fact]
    public void FactoriesChooseDTypesAsPyTorch()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(DType.Int64, torch.arange(5).dtype);
        Assert.Equal(DType.Float32, torch.arange(0, 1, 0.25).dtype);
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f }, torch.arange(0, 1, 0.25).ToArray<float>());
        Assert.Equal(DType.Int64, torch.full([2], 3).dtype);
        Assert.Equal(DType.Float32, torch.full([2], 3.0).dtype);
        Assert.Equal(DType.Float32, torch.zeros(2, 2).dtype);
        Assert.Equal(new float[] { 1, 0, 0, 1 }, torch.eye(2).ToArray<float>());
        Assert.Equal(DType.Bool, torch.tensor(new[] { true }).dtype);
        Assert.Equal(DType.Float16, torch.tensor(new[] { (Half)1 }).dtype);
    }

    [Fact]
    public void ReducingDimensionZeroIsNotMistakenForADType()
    {
        // A literal 0 converts to any C# enum; x.sum(0) must still mean "over dimension 0".
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 400, 500, 600 }, [2, 3]);
        var sum = x.sum(0);
        Assert.Equal(DType.Float64, sum.dtype);
        Assert.Equal(new double[] { 401, 502, 603 }, sum.ToArray<double>());
        var mean = x.mean(0);
        Assert.Equal(DType.Float64, mean.dtype);
        Assert.Equal(new double[] { 200.5, 251, 301.5 }, mean.ToArray<double>());
        Assert.Equal([1L, 3], x.sum(0, keepdim: true).shape);
        long dim = 0;
        Assert.Equal(new double[] { 401, 502, 603 }, x.sum(dim).ToArray<double>());
        Assert.Equal(DType.Float32, x.sum(DType.Float32).dtype);
        Assert.Equal(1506.0, x.sum().item<double>());
    }

    [Fact]
    public void ItemOnAMultiElementTensorIsATorchError()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => torch.ones(2).item<float>());
        Assert.Contains("2 elements", error.Message);
    }

    [Fact]
    public void DTypeConversionsRoundTrip()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, -2.5f, 0.125f });
        Assert.Equal(x.ToArray<float>(), x.to(DType.Float16).to(DType.Float32).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), x.to(DType.BFloat16).to(DType.Float32).ToArray<float>());
        Assert.Equal(new long[] { 1, -2, 0 }, x.to(DType.Int64).ToArray<long>()); // truncation toward zero
        Assert.Equal(2, x.to(DType.Float16).element_size());
    }

    [Fact]
    public void ReductionsMatchHandComputedValues()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(21.0, x.sum().item<double>());
        Assert.Equal(new double[] { 5, 7, 9 }, x.sum(0).ToArray<double>());
        Assert.Equal(new double[] { 2, 5 }, x.mean(1).ToArray<double>());
        Assert.Equal([2L, 1], x.mean(1, keepdim: true).shape);
        Assert.Equal(3.5, x.var().item<double>(), 1e-12); // Bessel: 17.5 / 5
        Assert.Equal(Math.Log(Math.Exp(4) + Math.Exp(5) + Math.Exp(6)), x.logsumexp(1).ToArray<double>()[1], 1e-12);
        var (values, indices) = x.max(1);
        Assert.Equal(new double[] { 3, 6 }, values.ToArray<double>());
        Assert.Equal(new long[] { 2, 2 }, indices.ToArray<long>());
        Assert.Equal(new long[] { 5 }, x.argmax().reshape(1).ToArray<long>());
    }

    [Fact]
    public void SoftmaxRowsMatchTheFormula()
    {
        using var scope = torch.NewDisposeScope();
        var row = new double[] { 1, 2, 3 };
        var z = row.Sum(Math.Exp);
        var expected = row.Select(v => Math.Exp(v) / z).ToArray();
        var actual = torch.tensor(row).softmax(0).ToArray<double>();
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 1e-15);
        var log = F.log_softmax(torch.tensor(row), 0).ToArray<double>();
        for (var i = 0; i < 3; i++) Assert.Equal(Math.Log(expected[i]), log[i], 1e-14);
    }

    [Fact]
    public void NoGradScopesRestoreTheOldSetting()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([2], requires_grad: true);
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Assert.False((w * 2).requires_grad);
            using (torch.enable_grad()) Assert.True((w * 2).requires_grad);
            Assert.False(torch.is_grad_enabled());
        }
        Assert.True(torch.is_grad_enabled());
        Assert.True((w * 2).requires_grad);
    }

    [Fact]
    public void SetDataKeepsTheObjectButReplacesTheValues()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(2);
        t.set_data(torch.tensor(new double[] { 3, 4, 5 }));
        Assert.Equal(DType.Float64, t.dtype);
        Assert.Equal(new double[] { 3, 4, 5 }, t.ToArray<double>());
    }

    [Fact]
    public void DisposedTensorsRefuseUse()
    {
        var t = torch.ones(2);
        t.Dispose();
        t.Dispose(); // twice is fine
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Equal("Tensor(disposed)", t.ToString());
    }

    [Fact]
    public void ToStringShowsTheValues()
    {
        using var scope = torch.NewDisposeScope();
        var text = torch.tensor(new float[] { 1.5f, -2 }).ToString();
        Assert.Contains("1.5", text);
        Assert.Contains("-2", text);
    }

    [Fact]
    public void SplitChunkAndCat()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(10);
        var parts = x.split(4);
        Assert.Equal(3, parts.Length);
        Assert.Equal(new long[] { 8, 9 }, parts[2].ToArray<long>());
        Assert.Equal(x.ToArray<long>(), torch.cat(parts).ToArray<long>());
        var chunks = x.reshape(2, 5).chunk(5, 1);
        Assert.Equal(5, chunks.Length);
        Assert.Equal(new long[] { 4, 9 }, chunks[4].reshape(2).ToArray<long>());
        Assert.Equal([2L, 2, 5], torch.stack([x.reshape(2, 5), x.reshape(2, 5)], 1).shape);
    }
}
