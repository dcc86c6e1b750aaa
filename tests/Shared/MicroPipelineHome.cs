using System.Security.Cryptography;
using System.Text;
using InstructGpt.Training.Pipeline;

namespace InstructGpt.Tests.Shared;

/// <summary>
/// One micro-preset pipeline home (data/, tokenizer/, checkpoints/{base,sft,rm,ppo,ppo-ptx}, runs/), built once and
/// shared by every test project: dotnet test runs the projects in parallel processes, so the first one to ask
/// builds it under a lock file and the rest wait and reuse it. The directory is keyed by the libraries' module
/// version ids (deterministic builds: they change exactly when the code does), so a stale home is never reused.
/// Treat it as read-only: copy what a test needs to change (<see cref="CopyTo"/>).
/// </summary>
public static class MicroPipelineHome
{
    public const ulong Seed = 1;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(30);
    private const string CompleteMarker = ".complete";
    private static readonly Lazy<string> home = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The finished home directory; builds it on first use (about 2 minutes on 2 cores).</summary>
    public static string Path => home.Value;

    public static string Checkpoint(string name) => System.IO.Path.Combine(Path, "checkpoints", name);

    /// <summary>Copies the whole home (or one of its subdirectories) to <paramref name="destination"/> for a test that writes.</summary>
    public static string CopyTo(string destination, string? subdirectory = null)
    {
        var source = subdirectory is null ? Path : System.IO.Path.Combine(Path, subdirectory);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(destination, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return destination;
    }

    private static string Build()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "instructgpt-test-cache", $"micro-seed{Seed}-{CodeKey()}");
        if (File.Exists(System.IO.Path.Combine(root, CompleteMarker))) return root;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(root)!);
        using var gate = AcquireLock(root + ".lock");
        if (!File.Exists(System.IO.Path.Combine(root, CompleteMarker)))
        {
            // The pipeline skips finished stages and resumes a cut-short one, so a build that a killed test
            // process left half done is simply continued.
            TrainingPipeline.Run(new PipelineOptions { Preset = TrainingPresets.Micro, OutputDirectory = root, Seed = Seed });
            File.WriteAllText(System.IO.Path.Combine(root, CompleteMarker), DateTime.UtcNow.ToString("O"));
        }
        return root;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static string CodeKey()
    {
        var modules = new[] { typeof(TrainingPipeline), typeof(InstructGpt.Tasks.Labeling.SimulatedLabeler), typeof(InstructGpt.Inference.Model.GptConfig), typeof(TorchSharp.torch.Tensor) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", modules))))[..16];
    }
}
