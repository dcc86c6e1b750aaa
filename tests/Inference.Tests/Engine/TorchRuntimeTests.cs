using System.Runtime.InteropServices;
using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Tests.Engine;

public class TorchRuntimeTests
{
    [Fact]
    public void OpenMpWaitsPassivelyUnlessTheUserChose()
    {
        // The test assembly initialises the runtime before any test (TorchRuntimeInitializer). With no policy in the
        // environment the process must end up with "passive": active spinning made batched decode 4–6× slower on 2 cores.
        TorchRuntime.Initialize();
        var policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        Assert.False(string.IsNullOrEmpty(policy));
        if (!TorchRuntime.SetPassiveWaitPolicy) return;
        Assert.Equal("passive", policy);
        // libgomp reads the C environment, which .NET's Environment does not write: check that one too.
        Assert.Equal("passive", Marshal.PtrToStringUTF8(getenv("OMP_WAIT_POLICY")));
    }

    [DllImport("libc")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [Fact]
    public void GlibcMallocKeepsLargeBlocksInTheHeap()
    {
        TorchRuntime.Initialize();
        // Debian's libc is glibc, whose mallopt accepts both settings; INSTRUCTGPT_MALLOC=default is the opt-out.
        var optedOut = string.Equals(Environment.GetEnvironmentVariable(TorchRuntime.MallocEnvironmentVariable), "default", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(!optedOut, TorchRuntime.TunedMalloc);
    }

    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData(" CUDA ", DeviceType.CUDA, 0)]
    [InlineData("cuda:3", DeviceType.CUDA, 3)]
    public void DevicesParseAsUsersWriteThem(string text, DeviceType type, int index)
    {
        var device = TorchDevices.Parse(text);
        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void UnknownDevicesAreRefusedWithTheAllowedForms(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevices.Parse(text));
        Assert.Contains("'cpu', 'cuda' or 'cuda:N'", error.Message);
    }

    [Fact]
    public void DevicesCompareByValue()
    {
        Assert.True(TorchDevices.Same(TorchDevices.Parse("cpu"), torch.CPU));
        Assert.True(TorchDevices.Same(TorchDevices.Parse("cuda"), new Device(DeviceType.CUDA, -1)));
        Assert.False(TorchDevices.Same(TorchDevices.Parse("cuda:1"), TorchDevices.Parse("cuda:0")));
        Assert.False(TorchDevices.Same(torch.CPU, TorchDevices.Parse("cuda")));
    }

    [Theory]
    [InlineData("bf16", ScalarType.BFloat16, "bfloat16")]
    [InlineData("float32", ScalarType.Float32, "float32")]
    [InlineData("half", ScalarType.Float16, "float16")]
    [InlineData("uint8", ScalarType.Byte, "uint8")]
    public void DtypesUsePyTorchsNames(string text, ScalarType expected, string name)
    {
        Assert.Equal(expected, TorchDtypes.Parse(text));
        Assert.Equal(name, expected.Name());
    }

    [Fact]
    public void AnUnknownDtypeListsTheNames() =>
        Assert.Contains("bfloat16", Assert.Throws<ArgumentException>(() => TorchDtypes.Parse("fp8")).Message);

    [Fact]
    public void TheDescriptionNamesTorchSharpAndLibtorch() =>
        Assert.Matches(@"^TorchSharp 0\.107\.\d+, libtorch 2\.10", TorchRuntime.Description);
}
