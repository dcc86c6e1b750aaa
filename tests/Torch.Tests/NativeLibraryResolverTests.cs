using System.Runtime.InteropServices;

namespace InstructGpt.Torch.Tests;

public class NativeLibraryResolverTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr getenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [Fact]
    public void OpenMpWaitsPassivelyUnlessTheUserChoseAPolicy()
    {
        using var t = torch.ones(2); // loads the shim (and libtorch's OpenMP runtime)
        var native = Marshal.PtrToStringUTF8(getenv("OMP_WAIT_POLICY"));
        Assert.Equal(Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "passive", native);
    }
}
