using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Model;

/// <summary>One input of a gradient check: float64 values, a shape, and whether to check its gradient.</summary>
public sealed record GradInput(double[] Data, long[] Shape, bool Check = true)
{
    public static GradInput Random(int seed, params long[] shape) => new(GradTestData.Normal(seed, shape), shape);

    /// <summary>An input whose gradient is not checked (e.g. the other operand of a binary op).</summary>
    public static GradInput Fixed(double[] data, params long[] shape) => new(data, shape, false);
}

/// <summary>
/// A small gradcheck: compares libtorch's autograd gradient of L(x) = Σ f(x)·R, for a fixed random
/// R drawn in C#, with central finite differences (L(x+εeᵢ) − L(x−εeᵢ)) / 2ε computed in float64.
/// The projection onto R and the sums are done in C# doubles, so the reference does not depend on
/// libtorch's reductions or on autograd at all; only the forward op itself is shared.
/// </summary>
public static class GradCheck
{
    public const double Eps = 1e-6;
    public const double Atol = 1e-5;
    public const double Rtol = 1e-3;

    /// <summary>
    /// Checks the gradient of <paramref name="f"/> with respect to each input marked Check.
    /// <paramref name="f"/> receives float64 tensors in the order given and returns any floating tensor.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, params GradInput[] inputs) => Check(f, 1234, inputs);

    public static void Check(Func<Tensor[], Tensor> f, int projectionSeed, params GradInput[] inputs)
    {
        foreach (var input in inputs)
            Assert.Equal(input.Data.Length, input.Shape.Aggregate(1L, (a, b) => a * b));

        // Autograd side.
        double[][] analytic;
        double[] projection;
        using (var scope = torch.NewDisposeScope())
        {
            var tensors = inputs.Select(i => torch.tensor(i.Data, i.Shape, requires_grad: i.Check)).ToArray();
            var output = f(tensors);
            Assert.Equal(ScalarType.Float64, output.dtype);
            projection = GradTestData.Normal(projectionSeed, output.shape);
            var r = torch.tensor(projection, output.shape);
            var loss = (output * r).sum();
            loss.backward();
            analytic = new double[inputs.Length][];
            for (var i = 0; i < inputs.Length; i++)
            {
                if (!inputs[i].Check) continue;
                var g = tensors[i].grad;
                analytic[i] = g is null ? new double[inputs[i].Data.Length] : Values(g);
            }
        }

        // Finite differences.
        var anyNonZero = false;
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!inputs[i].Check) continue;
            var numeric = new double[inputs[i].Data.Length];
            for (var j = 0; j < numeric.Length; j++)
            {
                var plus = Evaluate(f, inputs, i, j, +Eps, projection);
                var minus = Evaluate(f, inputs, i, j, -Eps, projection);
                numeric[j] = (plus - minus) / (2 * Eps);
                if (Math.Abs(numeric[j]) > 1e-3) anyNonZero = true;
            }
            for (var j = 0; j < numeric.Length; j++)
            {
                var a = analytic[i][j];
                var n = numeric[j];
                if (!(Math.Abs(a - n) <= Atol + Rtol * Math.Abs(n)))
                    Assert.Fail($"gradient of input {i} element {j}: autograd {a:R}, finite differences {n:R} " +
                                $"(|diff| {Math.Abs(a - n):E3} > atol {Atol} + rtol {Rtol}·|n|)");
            }
        }
        Assert.True(anyNonZero, "every finite-difference gradient is ~0: the check would be vacuous");
    }

    /// <summary>A CPU float64 tensor's elements in row-major order (flattened first: TorchSharp's accessor rejects empty multi-dimensional tensors).</summary>
    public static double[] Values(Tensor t) => t.reshape(-1).data<double>().ToArray();

    /// <summary>Σ f(x)·R with element j of input i shifted by delta, the sum taken in C#.</summary>
    private static double Evaluate(Func<Tensor[], Tensor> f, GradInput[] inputs, int which, int element, double delta, double[] projection)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var tensors = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var data = inputs[i].Data;
            if (i == which)
            {
                data = (double[])data.Clone();
                data[element] += delta;
            }
            tensors[i] = torch.tensor(data, inputs[i].Shape);
        }
        var output = Values(f(tensors));
        Assert.Equal(projection.Length, output.Length);
        var sum = 0.0;
        for (var k = 0; k < output.Length; k++) sum += output[k] * projection[k];
        return sum;
    }
}

/// <summary>Deterministic test data from System.Random (independent of libtorch's generators).</summary>
public static class GradTestData
{
    public static double[] Normal(int seed, params long[] shape)
    {
        var random = new Random(seed);
        var n = shape.Aggregate(1L, (a, b) => a * b);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            result[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return result;
    }

    public static double[] Uniform(int seed, double low, double high, long count)
    {
        var random = new Random(seed);
        var result = new double[count];
        for (var i = 0; i < count; i++) result[i] = low + (high - low) * random.NextDouble();
        return result;
    }
}
