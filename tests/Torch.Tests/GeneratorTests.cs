namespace InstructGpt.Torch.Tests;

/// <summary>Generators: reproducible streams, independent of the global one, with restorable state.</summary>
public class GeneratorTests
{
    private static float[] Randn(Generator g, int n = 64) => torch.randn([n], generator: g).ToArray<float>();

    private static long[] Multinomial(Generator g, int n = 200)
    {
        using var probs = torch.tensor(new float[] { 0.1f, 0.2f, 0.3f, 0.4f });
        return torch.multinomial(probs, n, replacement: true, generator: g).ToArray<long>();
    }

    [Fact]
    public void SameSeedGivesIdenticalSamples()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Generator(1234);
        using var b = new Generator(1234);
        Assert.Equal(Randn(a), Randn(b));
        Assert.Equal(Multinomial(a), Multinomial(b));
        Assert.Equal(torch.rand([8], generator: a).ToArray<float>(), torch.rand([8], generator: b).ToArray<float>());
        Assert.Equal(torch.randint(0, 100, [8], generator: a).ToArray<long>(), torch.randint(0, 100, [8], generator: b).ToArray<long>());
        Assert.Equal(torch.randperm(20, generator: a).ToArray<long>(), torch.randperm(20, generator: b).ToArray<long>());
        Assert.Equal(torch.empty(8).normal_(0, 1, a).ToArray<float>(), torch.empty(8).normal_(0, 1, b).ToArray<float>());
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSamples()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Generator(1);
        using var b = new Generator(2);
        Assert.NotEqual(Randn(a), Randn(b));
        Assert.NotEqual(Multinomial(a), Multinomial(b));
    }

    [Fact]
    public void SuccessiveDrawsDiffer()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(7);
        Assert.NotEqual(Randn(g), Randn(g));
    }

    [Fact]
    public void GlobalDrawsDoNotDisturbAGenerator()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Generator(99);
        using var b = new Generator(99);
        var first = Randn(a);
        torch.randn(100);
        torch.manual_seed(5);
        torch.randn(100);
        Assert.Equal(first, Randn(b));
    }

    [Fact]
    public void GetStateAndSetStateRestoreTheStream()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(42);
        Randn(g); // move away from the start
        var state = g.get_state();
        Assert.Equal(DType.UInt8, state.dtype);
        var randn = Randn(g);
        var samples = Multinomial(g);

        g.set_state(state);
        Assert.Equal(randn, Randn(g));
        Assert.Equal(samples, Multinomial(g));

        // The state carries over to another generator, whatever its seed.
        using var other = new Generator(1);
        other.set_state(state);
        Assert.Equal(randn, Randn(other));
    }

    [Fact]
    public void GetStateIsASnapshot()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var state = g.get_state();
        var copy = state.clone();
        Randn(g);
        Assert.Equal(copy.ToArray<byte>(), state.ToArray<byte>());
    }

    [Fact]
    public void ManualSeedRestartsTheStream()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var first = Randn(g);
        Assert.Equal(11UL, g.initial_seed());
        g.manual_seed(11);
        Assert.Equal(first, Randn(g));
        g.manual_seed(12);
        Assert.Equal(12UL, g.initial_seed());
        Assert.NotEqual(first, Randn(g));
    }

    [Fact]
    public void SamplesFollowTheirDistributions()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(2024);
        var normal = Randn(g, 20000);
        var mean = normal.Average(v => (double)v);
        var variance = normal.Average(v => (v - mean) * (v - mean));
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(variance, 0.95, 1.05);

        var draws = Multinomial(g, 20000);
        for (var k = 0; k < 4; k++)
            Assert.InRange(draws.Count(d => d == k) / 20000.0, 0.1 * (k + 1) - 0.015, 0.1 * (k + 1) + 0.015);
    }

    [Fact]
    public void DisposedGeneratorRefusesUse()
    {
        var g = new Generator(1);
        g.Dispose();
        Assert.Throws<ObjectDisposedException>(() => g.initial_seed());
    }

    [Fact]
    public void TheDefaultGeneratorsStateRestoresDropoutAndUnseededDraws()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(77);
        using var global = Generator.Default();
        var state = global.get_state();
        var x = torch.ones(1000);
        var first = torch.nn.functional.dropout(x, 0.5).ToArray<float>();
        var firstDraw = torch.randn(5).ToArray<float>();
        global.set_state(state);
        Assert.Equal(first, torch.nn.functional.dropout(x, 0.5).ToArray<float>());
        Assert.Equal(firstDraw, torch.randn(5).ToArray<float>());
    }

    [Fact]
    public void DropoutWithAGeneratorIgnoresTheGlobalStream()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones([2000], device: Device.CPU);
        float[] Draw(ulong globalSeed)
        {
            torch.manual_seed(globalSeed);
            using var g = new Generator(5);
            return torch.nn.functional.dropout(x, 0.3, true, g).ToArray<float>();
        }
        var a = Draw(1);
        Assert.Equal(a, Draw(2));
        // Kept elements are scaled by 1/(1 − p), and about 30% are dropped.
        Assert.All(a, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7f) < 1e-6));
        Assert.InRange(a.Count(v => v == 0) / 2000.0, 0.26, 0.34);
    }
}
