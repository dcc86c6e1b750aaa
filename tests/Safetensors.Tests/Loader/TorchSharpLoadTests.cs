using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors.Tests.Loader;

/// <summary>
/// TorchSharp loads and computes in a clean build on this machine: the libtorch it runs is the 2.10 that the build
/// copied next to the tests (not Debian's system libtorch 1.13), and where the system's libstdc++ lacks
/// GLIBCXX_3.4.32 (Debian 12) the build's loader step has made libLibTorchSharp.so stop asking for it.
/// </summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void MatmulMatchesHandComputedProducts()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var b = torch.tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);
        var product = a.matmul(b);
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12].
        Assert.Equal([2L, 2], product.shape);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, product.data<float>().ToArray());

        // float64 addmm, as Conv1D computes: bias + x·W.
        var x = torch.tensor(new double[] { 0.5, -1, 2, 0.25 }, [2, 2]);
        var w = torch.tensor(new double[] { 3, -2, 1, 4 }, [2, 2]);
        var bias = torch.tensor(new double[] { 10, 20 });
        Assert.Equal(new double[] { 10 + 1.5 - 1, 20 - 1 - 4, 10 + 6 + 0.25, 20 - 4 + 1 }, bias.addmm(x, w).data<double>().ToArray());
    }

    [Fact]
    public void RunsLibtorch210()
    {
        Assert.StartsWith("2.10", torch.__version__);
    }

    [Fact]
    public void LoadsTheNativeLibrariesCopiedNextToTheTests()
    {
        using (var scope = torch.NewDisposeScope()) _ = torch.ones(2).sum().item<float>(); // makes sure libtorch is loaded
        var mapped = File.ReadAllLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6).Select(f => string.Join(' ', f.Skip(5))).Distinct().ToList();
        var torchSharp = Assert.Single(mapped, p => Path.GetFileName(p) == "libLibTorchSharp.so");
        var libtorch = Assert.Single(mapped, p => Path.GetFileName(p) == "libtorch_cpu.so" || Path.GetFileName(p).StartsWith("libtorch_cpu.so.", StringComparison.Ordinal));
        var output = Path.GetFullPath(AppContext.BaseDirectory);
        Assert.StartsWith(output, torchSharp);
        Assert.StartsWith(output, libtorch);
        Assert.DoesNotContain(mapped, p => Path.GetFileName(p).StartsWith("libtorch_cpu.so.1.13", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLibraryInTheOutputNeedsOnlyVersionsTheSystemHas()
    {
        var library = Assert.Single(Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories));
        var image = new ElfImage(File.ReadAllBytes(library));
        if (LoaderPaths.SystemHasMissingVersion)
        {
            // GCC 13+ libstdc++: the step leaves the library as shipped, and the loader has what it asks for.
            Assert.Contains(LoaderPaths.MissingVersion, image.RequiredVersions);
            return;
        }
        Assert.DoesNotContain(LoaderPaths.MissingVersion, image.RequiredVersions);
        // Every GLIBCXX version it still needs is one the system's libstdc++ defines.
        var system = File.ReadAllBytes(LoaderPaths.SystemLibStdCxx);
        foreach (var version in image.VersionNeeds.Where(v => v.File == "libstdc++.so.6").Select(v => v.Name).Distinct())
            Assert.True(LoaderPaths.Contains(system, version), $"{LoaderPaths.SystemLibStdCxx} lacks {version}, which {library} needs");
    }
}
