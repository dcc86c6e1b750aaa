using InstructGpt.Torch.Modules;
using InstructGpt.Torch.Optim;

namespace InstructGpt.Torch.Tests;

/// <summary>AdamW against the update computed by hand in C# doubles (decoupled decay, bias correction).</summary>
public sealed class AdamWTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("igt-adamw-").FullName;
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        foreach (var d in owned) d.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private Parameter Param(params double[] values)
    {
        using var scope = torch.NewDisposeScope();
        var p = new Parameter(torch.tensor(values));
        owned.Add(p);
        return p;
    }

    private static void SetGrad(Parameter p, double[] g)
    {
        using var scope = torch.NewDisposeScope();
        p.grad = torch.tensor(g).to(p.dtype);
    }

    private static double[] Values(Tensor p) => p.dtype == DType.Float64 ? p.ToArray<double>() : p.ToArray<float>().Select(x => (double)x).ToArray();

    /// <summary>The textbook AdamW step over plain doubles, one parameter at a time.</summary>
    private sealed class Reference(double[] theta, double lr, double beta1, double beta2, double eps, double weightDecay)
    {
        public double[] Theta { get; } = (double[])theta.Clone();
        public double Lr { get; set; } = lr;

        public double[] Run(IEnumerable<double[]> grads)
        {
            foreach (var g in grads) Step(g);
            return Theta;
        }

        private readonly double[] m = new double[theta.Length];
        private readonly double[] v = new double[theta.Length];
        private int t;

        public void Step(double[] g)
        {
            t++;
            for (var i = 0; i < Theta.Length; i++)
            {
                Theta[i] *= 1 - Lr * weightDecay;
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                Theta[i] -= Lr / (1 - Math.Pow(beta1, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(beta2, t)) + eps);
            }
        }
    }

    private static readonly double[][] GradsA = [[0.5, -1.0], [0.25, 2.0], [-0.75, 0.125]];
    private static readonly double[][] GradsB = [[3.0, 0.01], [-2.0, 0.02], [1.0, -0.5]];

    [Fact]
    public void ReferenceItselfMatchesNumbersWorkedOutOnPaper()
    {
        // Step 1 with θ=1, g=0.5, lr=0.1, λ=0.1, β=(0.9, 0.999), ε=1e-8:
        // θ·(1−0.01)=0.99; m̂=0.5, v̂=0.25; θ = 0.99 − 0.1·0.5/(0.5+1e-8) = 0.890000002 (to 1e-15).
        var r = new Reference([1.0], 0.1, 0.9, 0.999, 1e-8, 0.1);
        r.Step([0.5]);
        Assert.Equal(0.99 - 0.1 * 0.5 / (0.5 + 1e-8), r.Theta[0], 1e-15);
        Assert.Equal(0.890000002, r.Theta[0], 1e-12);
    }

    [Theory]
    [InlineData(0.9, 0.95)]
    [InlineData(0.9, 0.999)]
    public void ThreeStepsOfTwoParametersMatchTheHandComputedUpdate(double beta1, double beta2)
    {
        const double lr = 0.05, eps = 1e-8, decay = 0.1;
        var a = Param(1.0, -2.0);
        var b = Param(0.5, 3.0);
        var refA = new Reference([1.0, -2.0], lr, beta1, beta2, eps, decay);
        var refB = new Reference([0.5, 3.0], lr, beta1, beta2, eps, decay);
        using var optimizer = new AdamW([a, b], lr, beta1, beta2, eps, decay);

        for (var step = 0; step < 3; step++)
        {
            SetGrad(a, GradsA[step]);
            SetGrad(b, GradsB[step]);
            optimizer.step();
            refA.Step(GradsA[step]);
            refB.Step(GradsB[step]);
            AssertClose(refA.Theta, Values(a), 1e-13);
            AssertClose(refB.Theta, Values(b), 1e-13);
        }
        Assert.Equal(3, optimizer.steps);
    }

    [Fact]
    public void Float32ParametersFollowTheSameUpdate()
    {
        var a = owned.AddAndReturn(MakeFloat32(1.0, -2.0));
        var reference = new Reference([1.0, -2.0], 0.01, 0.9, 0.95, 1e-8, 0.1);
        using var optimizer = new AdamW([a], 0.01, 0.9, 0.95, 1e-8, 0.1);
        for (var step = 0; step < 3; step++)
        {
            SetGrad(a, GradsA[step]);
            optimizer.step();
            reference.Step(GradsA[step]);
        }
        AssertClose(reference.Theta, Values(a), 1e-6);
    }

    private static Parameter MakeFloat32(params double[] values)
    {
        using var scope = torch.NewDisposeScope();
        return new Parameter(torch.tensor(values.Select(v => (float)v).ToArray()));
    }

    [Fact]
    public void WeightDecayIsDecoupledFromTheGradient()
    {
        // With a zero gradient Adam's step is 0/(0+ε) = 0, so only the decay moves θ: θ·(1−lr·λ) each step.
        var a = Param(2.0, -4.0);
        using var optimizer = new AdamW([a], lr: 0.1, weight_decay: 0.5);
        for (var step = 0; step < 3; step++)
        {
            SetGrad(a, [0.0, 0.0]);
            optimizer.step();
        }
        AssertClose([2.0 * Math.Pow(0.95, 3), -4.0 * Math.Pow(0.95, 3)], Values(a), 1e-15);
    }

    [Fact]
    public void ParameterGroupsWithAndWithoutWeightDecay()
    {
        const double lr = 0.02;
        var matrix = Param(1.0, -2.0);
        var bias = Param(0.5, 3.0);
        var fast = Param(-1.0, 1.0);
        using var optimizer = new AdamW(
        [
            new ParamGroup([matrix]),
            new ParamGroup([bias]) { WeightDecay = 0 },
            new ParamGroup([fast]) { WeightDecay = 0, LearningRate = 0.1 },
        ], lr, 0.9, 0.95, 1e-8, weight_decay: 0.2);
        var refMatrix = new Reference([1.0, -2.0], lr, 0.9, 0.95, 1e-8, 0.2);
        var refBias = new Reference([0.5, 3.0], lr, 0.9, 0.95, 1e-8, 0.0);
        var refFast = new Reference([-1.0, 1.0], 0.1, 0.9, 0.95, 1e-8, 0.0);

        for (var step = 0; step < 3; step++)
        {
            SetGrad(matrix, GradsA[step]);
            SetGrad(bias, GradsB[step]);
            SetGrad(fast, GradsA[step]);
            optimizer.step();
            refMatrix.Step(GradsA[step]);
            refBias.Step(GradsB[step]);
            refFast.Step(GradsA[step]);
        }
        AssertClose(refMatrix.Theta, Values(matrix), 1e-13);
        AssertClose(refBias.Theta, Values(bias), 1e-13);
        AssertClose(refFast.Theta, Values(fast), 1e-13);
        // And the decay really made a difference for the first group.
        Assert.True(Math.Abs(new Reference([1.0, -2.0], lr, 0.9, 0.95, 1e-8, 0.0).Run(GradsA)[0] - Values(matrix)[0]) > 1e-4);
    }

    [Fact]
    public void SettingLrBetweenStepsChangesTheNextStep()
    {
        // What an LR schedule does: the moments carry over, only the step size changes.
        var a = Param(1.0, -2.0);
        using var optimizer = new AdamW([a], lr: 0.1, beta1: 0.9, beta2: 0.95, weight_decay: 0.1);
        var reference = new Reference([1.0, -2.0], 0.1, 0.9, 0.95, 1e-8, 0.1);
        for (var step = 0; step < 3; step++)
        {
            optimizer.lr = reference.Lr = 0.1 / (step + 1);
            SetGrad(a, GradsA[step]);
            optimizer.step();
            reference.Step(GradsA[step]);
        }
        AssertClose(reference.Theta, Values(a), 1e-13);
    }

    [Fact]
    public void ParametersWithoutGradientAreSkippedAndKeepTheirOwnStepCount()
    {
        var a = Param(1.0, -2.0);
        var late = Param(0.5, 3.0);
        using var optimizer = new AdamW([a, late], 0.05, 0.9, 0.95, 1e-8, 0.1);
        var refLate = new Reference([0.5, 3.0], 0.05, 0.9, 0.95, 1e-8, 0.1);

        SetGrad(a, GradsA[0]);
        optimizer.step();
        Assert.Equal(new[] { 0.5, 3.0 }, Values(late)); // no gradient, no decay either

        for (var step = 1; step < 3; step++)
        {
            SetGrad(a, GradsA[step]);
            SetGrad(late, GradsB[step]);
            optimizer.step();
            refLate.Step(GradsB[step]); // its bias correction starts at t = 1
        }
        AssertClose(refLate.Theta, Values(late), 1e-13);
    }

    [Fact]
    public void ZeroGradClearsGradients()
    {
        var a = Param(1.0, 2.0);
        using var optimizer = new AdamW([a]);
        SetGrad(a, [1, 1]);
        optimizer.zero_grad();
        Assert.Null(a.grad);
    }

    [Fact]
    public void SaveAndLoadStateResumesWithIdenticalUpdates()
    {
        const double lr = 0.05;
        var path = Path.Combine(directory, "adamw.safetensors");
        var a1 = Param(1.0, -2.0);
        var a2 = Param(0.5, 3.0);
        using var original = new AdamW([a1, a2], lr, 0.9, 0.95, 1e-8, 0.1);
        for (var step = 0; step < 2; step++)
        {
            SetGrad(a1, GradsA[step]);
            SetGrad(a2, GradsB[step]);
            original.step();
        }
        original.save_state(path);

        // A second model with the same weights and a fresh optimizer that loads the state.
        var b1 = Param(Values(a1));
        var b2 = Param(Values(a2));
        using var resumed = new AdamW([b1, b2], lr, 0.9, 0.95, 1e-8, 0.1);
        resumed.load_state(path);
        Assert.Equal(2, resumed.steps);

        // A third that starts from scratch must diverge, or this test proves nothing.
        var c1 = Param(Values(a1));
        var c2 = Param(Values(a2));
        using var fresh = new AdamW([c1, c2], lr, 0.9, 0.95, 1e-8, 0.1);

        var more = new[] { GradsA[2], GradsB[2], GradsA[0] };
        for (var step = 0; step < 3; step++)
        {
            foreach (var (p, g) in new[] { (a1, more[step]), (b1, more[step]), (c1, more[step]), (a2, more[(step + 1) % 3]), (b2, more[(step + 1) % 3]), (c2, more[(step + 1) % 3]) })
                SetGrad(p, g);
            original.step();
            resumed.step();
            fresh.step();
            Assert.Equal(Values(a1), Values(b1)); // bit for bit
            Assert.Equal(Values(a2), Values(b2));
        }
        Assert.NotEqual(Values(a1), Values(c1));
        Assert.Equal(5, resumed.steps);
    }

    [Fact]
    public void LoadStateRejectsAStateForOtherParameters()
    {
        var path = Path.Combine(directory, "other.safetensors");
        var a = Param(1.0, 2.0);
        using (var optimizer = new AdamW([a]))
        {
            SetGrad(a, [1, 1]);
            optimizer.step();
            optimizer.save_state(path);
        }
        using var two = new AdamW([Param(1.0, 2.0), Param(3.0)]);
        var error = Assert.Throws<InvalidDataException>(() => two.load_state(path));
        Assert.Contains("1 parameters", error.Message);
    }

    [Fact]
    public void InvalidHyperparametersAreRejected()
    {
        var a = Param(1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([a], lr: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([a], beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([a], beta2: -0.1));
        Assert.Throws<ArgumentException>(() => new AdamW([new ParamGroup([a]), new ParamGroup([a])]));
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}

internal static class ReferenceExtensions
{
    public static T AddAndReturn<T>(this List<IDisposable> list, T item) where T : IDisposable
    {
        list.Add(item);
        return item;
    }
}
