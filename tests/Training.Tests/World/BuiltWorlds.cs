using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

/// <summary>
/// Worlds built once for all tests that need one: the default world (seed 1, as eval-sets/ is) and two small
/// worlds with the same seed in different folders (for the byte-identity test).
/// </summary>
public sealed class BuiltWorlds : IDisposable
{
    public const long SmallSeed = 7;

    private readonly TempDirectory root = new();
    private readonly Lazy<(string Directory, WorldManifest Manifest, TimeSpan Elapsed)> defaultWorld;
    private readonly Lazy<(string First, string Second, WorldManifest Manifest, TimeSpan Elapsed)> smallWorlds;

    public BuiltWorlds()
    {
        defaultWorld = new(() => Build(WorldSize.Default, WorldBuildOptions.DefaultSeed, "default"));
        smallWorlds = new(() =>
        {
            var first = Build(WorldSize.Small, SmallSeed, "small-1");
            var second = Build(WorldSize.Small, SmallSeed, "small-2");
            return (first.Directory, second.Directory, first.Manifest, second.Elapsed);
        });
    }

    public string DefaultDirectory => defaultWorld.Value.Directory;
    public WorldManifest DefaultManifest => defaultWorld.Value.Manifest;
    public TimeSpan DefaultElapsed => defaultWorld.Value.Elapsed;

    public string SmallDirectory => smallWorlds.Value.First;
    public string SmallTwinDirectory => smallWorlds.Value.Second;
    public WorldManifest SmallManifest => smallWorlds.Value.Manifest;
    /// <summary>The second small build's time: WordNet is already loaded, as it is in a CLI run after start-up.</summary>
    public TimeSpan SmallElapsed => smallWorlds.Value.Elapsed;

    private (string Directory, WorldManifest Manifest, TimeSpan Elapsed) Build(WorldSize size, long seed, string name)
    {
        var directory = root.File(name);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var manifest = WorldBuilder.Build(new WorldBuildOptions { Size = size, Seed = seed, OutputDirectory = directory });
        return (directory, manifest, stopwatch.Elapsed);
    }

    public void Dispose() => root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class BuiltWorldsCollection : ICollectionFixture<BuiltWorlds>
{
    public const string Name = "built worlds";
}
