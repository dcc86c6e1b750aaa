using System.Diagnostics;
using System.Runtime.Versioning;

namespace InstructGpt.Safetensors.Tests.Loader;

/// <summary>
/// build/patch-libtorchsharp-glibcxx.py on a copy of TorchSharp's pristine native library: --check reports the patch
/// as needed before and not after, the patch edits only the handful of bytes it promises (checked against this
/// test's own ELF reading), and a second run changes nothing.
/// </summary>
[SupportedOSPlatform("linux")] // the library is Linux's; its file mode is checked
public sealed class LibTorchSharpPatchTests : IDisposable
{
    private const string Symbol = "_ZSt21ios_base_library_initv";
    private const string Replacement = "GLIBCXX_3.4.30";

    private readonly string directory = Directory.CreateTempSubdirectory("igt-libtorchsharp-patch-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int ExitCode, string Output) Script(params string[] arguments)
    {
        var start = new ProcessStartInfo(LoaderPaths.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(LoaderPaths.PatchScript);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void ThePristineLibraryAsksForTheMissingVersion()
    {
        var image = new ElfImage(File.ReadAllBytes(LoaderPaths.PristineLibrary));
        var need = Assert.Single(image.VersionNeeds, v => v.Name == LoaderPaths.MissingVersion);
        Assert.Equal("libstdc++.so.6", need.File);
        // The hash written in the file agrees with this test's ELF hash, which the patched entry is checked against.
        Assert.Equal(ElfImage.ElfHash(LoaderPaths.MissingVersion), need.Hash);
        Assert.Contains(image.VersionNeeds, v => v.Name == Replacement && v.File == "libstdc++.so.6");
        var symbol = Assert.Single(image.DynamicSymbols, s => s.Name == Symbol);
        Assert.Equal(need.Index, symbol.Version & 0x7FFF);
    }

    [Fact]
    public void PatchEditsOnlyTheExpectedBytesAndIsIdempotent()
    {
        var pristine = File.ReadAllBytes(LoaderPaths.PristineLibrary);
        var before = new ElfImage(pristine);
        var need = Assert.Single(before.VersionNeeds, v => v.Name == LoaderPaths.MissingVersion);
        var symbol = Assert.Single(before.DynamicSymbols, s => s.Name == Symbol);
        var copy = Path.Combine(directory, "libLibTorchSharp.so");
        File.Copy(LoaderPaths.PristineLibrary, copy);
        var mode = File.GetUnixFileMode(copy);

        Assert.Equal(0, Script(copy, "--check").ExitCode); // 0: the patch is needed
        var (exitCode, output) = Script(copy);
        Assert.True(exitCode == 0, output);
        Assert.Contains(LoaderPaths.MissingVersion, output);
        var (checkAfter, checkOutput) = Script(copy, "--check");
        Assert.True(checkAfter == 1, $"--check after patching exited {checkAfter}, expected 1 (not needed): {checkOutput}");

        var patched = File.ReadAllBytes(copy);
        Assert.Equal(pristine.Length, patched.Length);
        Assert.Equal(mode, File.GetUnixFileMode(copy));
        // The only bytes allowed to change: the symbol's .gnu.version entry (2) and st_info (1), and the requirement's
        // vna_hash (4) and vna_name (4).
        var allowed = new HashSet<long>();
        void Allow(long at, int length) { for (var i = 0; i < length; i++) allowed.Add(at + i); }
        Allow(symbol.VersionAt, 2);
        Allow(symbol.At + 4, 1);
        Allow(need.At, 4);
        Allow(need.At + 8, 4);
        var changed = Enumerable.Range(0, pristine.Length).Where(i => pristine[i] != patched[i]).Select(i => (long)i).ToList();
        Assert.NotEmpty(changed);
        Assert.True(changed.All(allowed.Contains), $"bytes changed outside the expected fields: {string.Join(", ", changed.Where(c => !allowed.Contains(c)).Select(c => $"0x{c:X}"))}");
        Assert.InRange(changed.Count, 4, allowed.Count);

        var after = new ElfImage(patched);
        Assert.DoesNotContain(LoaderPaths.MissingVersion, after.RequiredVersions);
        var renamed = Assert.Single(after.VersionNeeds, v => v.At == need.At);
        Assert.Equal(Replacement, renamed.Name);
        Assert.Equal(ElfImage.ElfHash(Replacement), renamed.Hash);
        Assert.Equal(need.Index, renamed.Index);
        var weak = Assert.Single(after.DynamicSymbols, s => s.Name == Symbol);
        Assert.Equal(1, weak.Version & 0x7FFF); // VER_NDX_GLOBAL: unversioned
        Assert.Equal(ElfImage.StbWeak, weak.Binding);
        Assert.Equal(symbol.Info & 0xF, weak.Info & 0xF); // the symbol's type is kept
        // Every other symbol keeps its version and binding.
        Assert.Equal(before.DynamicSymbols.Where(s => s.Name != Symbol).Select(s => (s.Name, s.Info, s.Version)),
            after.DynamicSymbols.Where(s => s.Name != Symbol).Select(s => (s.Name, s.Info, s.Version)));

        // Idempotent: a second run succeeds and changes no byte; no temporary file is left beside the library.
        var (again, againOutput) = Script(copy);
        Assert.True(again == 0, againOutput);
        Assert.Equal(patched, File.ReadAllBytes(copy));
        Assert.Equal([copy], Directory.GetFiles(directory));
    }
}
