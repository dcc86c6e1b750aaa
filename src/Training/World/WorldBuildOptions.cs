using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World;

/// <summary>What <see cref="WorldBuilder.Build"/> builds, and where.</summary>
public sealed record WorldBuildOptions
{
    /// <summary>The seed of the committed eval-sets (eval-sets/README.md).</summary>
    public const long DefaultSeed = 1;

    /// <summary>Same seed, same size, same WordNet: byte-identical files.</summary>
    public long Seed { get; init; } = DefaultSeed;

    public WorldSize Size { get; init; } = WorldSize.Default;

    /// <summary>Where the dataset files and manifest.json go; created if missing. Existing files are replaced.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>WordNet 3.0's dict files: $WNSEARCHDIR, else /usr/share/wordnet (Debian's wordnet-base).</summary>
    public string WordNetDirectory { get; init; } = WordNetDatabase.DefaultDirectory;

    /// <summary>Called as each stage starts and at intervals within it, on the building thread.</summary>
    public Action<WorldBuildProgress>? Progress { get; init; }
}
