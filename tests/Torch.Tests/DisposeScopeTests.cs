using System.Diagnostics;
using InstructGpt.Torch.Modules;

namespace InstructGpt.Torch.Tests;

/// <summary>Tests that measure the whole process run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide";
}

/// <summary>Dispose scopes free what they own, keep what is moved out, and keep memory flat over long loops.</summary>
public class DisposeScopeTests
{
    [Fact]
    public void ScopeDisposesTensorsCreatedInside()
    {
        Tensor a, b, c, grad;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.ones([4], requires_grad: true);
            b = a * 2;
            c = b.sum();
            c.backward();
            grad = a.grad!;
            Assert.Equal(4, scope.Count);
            Assert.Same(scope, DisposeScope.Current);
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.True(c.IsDisposed);
        Assert.True(grad.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => b.shape);
    }

    [Fact]
    public void TensorsCreatedOutsideAnyScopeAreNotTouched()
    {
        using var outside = torch.ones(3);
        using (torch.NewDisposeScope())
        {
            using var inner = outside * 2;
        }
        Assert.False(outside.IsDisposed);
        Assert.Equal(new float[] { 1, 1, 1 }, outside.ToArray<float>());
    }

    [Fact]
    public void NestedScopesOwnOnlyTheirOwnTensors()
    {
        using var outer = torch.NewDisposeScope();
        var x = torch.ones(2);
        Tensor y;
        using (torch.NewDisposeScope())
        {
            y = x + 1;
        }
        Assert.True(y.IsDisposed);
        Assert.False(x.IsDisposed);
        Assert.Same(outer, DisposeScope.Current);
    }

    [Fact]
    public void MoveToOuterDisposeScopeKeepsTheTensorUntilTheOuterScopeEnds()
    {
        Tensor kept, dropped;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                kept = (torch.ones(3) * 5).MoveToOuterDisposeScope();
                dropped = torch.ones(3);
            }
            Assert.True(dropped.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new float[] { 5, 5, 5 }, kept.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void MoveToOuterFromTheOutermostScopeLeavesTheTensorUnowned()
    {
        Tensor kept;
        using (torch.NewDisposeScope())
            kept = torch.ones(2).MoveToOuterDisposeScope();
        Assert.False(kept.IsDisposed);
        Assert.Equal(new float[] { 1, 1 }, kept.ToArray<float>());
        kept.Dispose();
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void DetachFromDisposeScopeHandsOwnershipToTheCaller()
    {
        Tensor detached;
        using (var outer = torch.NewDisposeScope())
        {
            using (torch.NewDisposeScope())
                detached = torch.full([2], 7.0).DetachFromDisposeScope();
            Assert.Equal(0, outer.Count);
        }
        Assert.False(detached.IsDisposed);
        Assert.Equal(new float[] { 7, 7 }, detached.ToArray<float>());
        detached.Dispose();
    }

    [Fact]
    public void ExplicitDisposeInsideAScopeIsHarmless()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(2);
        t.Dispose();
        Assert.Equal(0, scope.Count);
    }

    /// <summary>Runs on a fresh thread (never inlined on the caller's, as a task might be).</summary>
    private static T OnAnotherThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new AggregateException(failure);
        return result;
    }

    [Fact]
    public void DisposingAScopeOnAnotherThreadThrows()
    {
        var scope = torch.NewDisposeScope();
        var tensor = torch.ones(2);
        try
        {
            var error = OnAnotherThread(() => Assert.Throws<InvalidOperationException>(scope.Dispose));
            Assert.Contains("different thread", error.Message);
            Assert.False(tensor.IsDisposed);
            Assert.Same(scope, DisposeScope.Current);
        }
        finally
        {
            scope.Dispose();
        }
        Assert.True(tensor.IsDisposed);
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void DisposingAnOuterScopeFirstThrows()
    {
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void ScopesArePerThread()
    {
        using var scope = torch.NewDisposeScope();
        var other = OnAnotherThread(() =>
        {
            Assert.Null(DisposeScope.Current);
            return torch.ones(2);
        });
        Assert.Equal(0, scope.Count);
        Assert.False(other.IsDisposed);
        other.Dispose();
    }
}

[Collection(ProcessWideCollection.Name)]
public class DisposeScopeMemoryTests
{
    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }

    [Fact]
    public void HundredThousandForwardBackwardStepsKeepMemoryFlat()
    {
        using var generator = new Generator(1);
        using var model = new Linear(16, 16, generator: generator);
        using var input = torch.randn([4, 16], generator: generator);
        Tensor? sample = null;

        void Step(int i)
        {
            using var scope = torch.NewDisposeScope();
            model.zero_grad();
            var loss = model.forward(input).tanh().sum();
            loss.backward();
            var grad = model.weight.grad!;
            if (i == 0) sample = grad;
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 1_000; i++) Step(i);
        var baseline = ResidentBytes();
        Assert.True(sample!.IsDisposed, "the scope did not dispose a tensor created inside it");
        for (var i = 1_000; i < 100_000; i++) Step(i);
        var final = ResidentBytes();

        var growth = final - baseline;
        Assert.True(growth < 50L * 1024 * 1024,
            $"RSS grew by {growth / (1024.0 * 1024):F1} MB over 99,000 steps ({baseline / (1024.0 * 1024):F0} → {final / (1024.0 * 1024):F0} MB) in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
