namespace InstructGpt.Torch.Tests;

public class SmokeTests
{
    [Fact]
    public void AddsTwoTensors()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 });
        var b = torch.ones(3);
        Assert.Equal(new float[] { 2, 3, 4 }, (a + b).ToArray<float>());
        Assert.Equal("1.13.0", torch.version);
    }
}
