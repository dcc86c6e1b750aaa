using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Engine;

public class MklCpuDispatchTests
{
    [Fact]
    public void OnACpuThatIsNotIntelsOneMklsVendorCheckResolvesToOurLibrary()
    {
        // The test assembly's module initializer ran TorchRuntime.Initialize before any tensor existed, as hosts do.
        using (var warmUp = torch.ones(2, 2).matmul(torch.ones(2, 2))) Assert.Equal(2f, warmUp[0, 0].ToSingle());
        Assert.Null(MklCpuDispatch.Problem);
        if (MklCpuDispatch.CpuVendor is null or "GenuineIntel" || Environment.GetEnvironmentVariable(MklCpuDispatch.EnvironmentVariable) == "off")
        {
            Assert.False(MklCpuDispatch.Loaded); // nothing to change
            return;
        }
        Assert.True(MklCpuDispatch.Loaded);
        Assert.True(MklCpuDispatch.IsActive, "libtorch's call to mkl_serv_intel_cpu_true does not resolve to libInstructGptMklDispatch.so");
    }

    [Theory]
    [InlineData(1, 768, 3072)]
    [InlineData(32, 768, 3072)]
    [InlineData(32, 3072, 768)]
    [InlineData(2048, 256, 4096)] // a tiny pretraining batch's language-model head
    public void Float32MatrixProductsAgreeWithAFloat64Reference(int m, int k, int n)
    {
        // The kernels oneMKL now takes on this CPU must compute the same products: checked against float64.
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(7);
        var a = torch.randn(new long[] { m, k }, generator: generator);
        var b = torch.randn(new long[] { k, n }, generator: generator);
        var product = a.matmul(b).to(ScalarType.Float64);
        var reference = a.to(ScalarType.Float64).matmul(b.to(ScalarType.Float64));
        // float32 accumulation over k terms of size ~1: error grows like sqrt(k) * 2^-24 * |terms|.
        var worst = (product - reference).abs().max().ToDouble();
        Assert.True(worst < 1e-3, $"max |float32 - float64| = {worst}");
        var backward = torch.randn(new long[] { m, n }, generator: generator);
        var gradient = backward.matmul(b.t()).to(ScalarType.Float64);
        var gradientReference = backward.to(ScalarType.Float64).matmul(b.t().to(ScalarType.Float64));
        Assert.True((gradient - gradientReference).abs().max().ToDouble() < 1e-3);
    }
}
