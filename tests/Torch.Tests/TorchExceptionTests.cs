using F = InstructGpt.Torch.torch.nn.functional;

namespace InstructGpt.Torch.Tests;

/// <summary>
/// libtorch errors surface as <see cref="TorchException"/> carrying libtorch's own message (without
/// the C++ backtrace), and the process carries on normally afterwards.
/// </summary>
public class TorchExceptionTests
{
    private static TorchException ThrowsTorch(Func<Tensor> call, params string[] fragments)
    {
        TorchException error;
        using (torch.NewDisposeScope())
            error = Assert.Throws<TorchException>(() => call());
        foreach (var fragment in fragments)
            Assert.Contains(fragment, error.Message);
        Assert.DoesNotContain("frame #", error.Message);
        Assert.DoesNotContain("Exception raised from", error.Message);
        Assert.DoesNotContain("(most recent call first)", error.Message);
        AssertStillWorks();
        return error;
    }

    /// <summary>After a failure the library (and autograd) must work as before.</summary>
    private static void AssertStillWorks()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3], requires_grad: true);
        var b = torch.tensor(new float[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        var c = a.matmul(b);
        Assert.Equal(new float[] { 4, 5, 10, 11 }, c.ToArray<float>());
        c.sum().backward();
        Assert.Equal(new float[] { 1, 1, 2, 1, 1, 2 }, a.grad!.ToArray<float>());
    }

    [Fact]
    public void MatmulShapeMismatch() =>
        ThrowsTorch(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)), "shapes cannot be multiplied", "2x3", "4x5");

    [Fact]
    public void BroadcastShapeMismatch() =>
        ThrowsTorch(() => torch.zeros(2, 3) + torch.zeros(4, 5), "must match the size of tensor b");

    [Fact]
    public void ViewWithWrongNumberOfElements() =>
        ThrowsTorch(() => torch.zeros(2, 3).view(4, 2), "shape '[4, 2]' is invalid for input of size 6");

    [Fact]
    public void IndexSelectOutOfRange() =>
        ThrowsTorch(() => torch.zeros(3, 4).index_select(0, torch.tensor(new long[] { 0, 7 })), "index out of range");

    [Fact]
    public void GatherOutOfRange() =>
        ThrowsTorch(() => torch.zeros(3, 4).gather(1, torch.tensor(new long[] { 0, 9, 1 }, [3, 1])), "out of bounds");

    [Fact]
    public void SelectOutOfRange() =>
        ThrowsTorch(() => torch.zeros(3, 4).select(0, 5), "out of range");

    [Fact]
    public void EmbeddingIndexOutOfRange() =>
        ThrowsTorch(() => F.embedding(torch.tensor(new long[] { 1, 10 }), torch.zeros(4, 2)), "index out of range");

    [Fact]
    public void EmbeddingWithFloatIndices() =>
        ThrowsTorch(() => F.embedding(torch.tensor(new float[] { 0, 1 }), torch.zeros(4, 2)), "indices", "Long", "Float");

    [Fact]
    public void CrossEntropyWithFloatTargetsOfWrongShape() =>
        // Float targets are class probabilities and must have the logits' shape [3, 5].
        ThrowsTorch(() => F.cross_entropy(torch.zeros(3, 5), torch.zeros(3)), "expected scalar type Long but found Float");

    [Fact]
    public void CrossEntropyTargetOutOfRange() =>
        ThrowsTorch(() => F.cross_entropy(torch.zeros(3, 5), torch.tensor(new long[] { 0, 5, 1 })), "out of bounds");

    [Fact]
    public void ErrorMessageIsPerCallAndNotStale()
    {
        var first = ThrowsTorch(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)), "2x3");
        var second = ThrowsTorch(() => torch.zeros(3, 4).select(1, 9), "out of range");
        Assert.NotEqual(first.Message, second.Message);
        Assert.DoesNotContain("2x3", second.Message);
    }

    [Fact]
    public void ErrorsOnAnotherThreadKeepTheirOwnMessage()
    {
        // The last-error string is thread-local: a failure on one thread never shows on another.
        var messages = new string[2];
        var threads = new[]
        {
            new Thread(() => messages[0] = Capture(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)))),
            new Thread(() => messages[1] = Capture(() => torch.zeros(3).select(0, 7))),
        };
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Contains("2x3", messages[0]);
        Assert.Contains("out of range", messages[1]);
        AssertStillWorks();
    }

    private static string Capture(Func<Tensor> call)
    {
        using var scope = torch.NewDisposeScope();
        return Assert.Throws<TorchException>(() => call()).Message;
    }

    [Fact]
    public void BackwardOnATensorWithoutGradient() =>
        ThrowsTorch(() =>
        {
            torch.ones(3).sum().backward();
            return torch.ones(1);
        }, "does not require grad");

    [Fact]
    public void ManyFailuresInARowDoNotBreakTheProcess()
    {
        for (var i = 0; i < 100; i++)
        {
            using var scope = torch.NewDisposeScope();
            Assert.Throws<TorchException>(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)));
        }
        AssertStillWorks();
    }
}
