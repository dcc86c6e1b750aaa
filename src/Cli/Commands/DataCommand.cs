using System.CommandLine;
using InstructGpt.Training.World;

namespace InstructGpt.Cli.Commands;

/// <summary><c>instructgpt data build --seed N --size default|small|paper --out DIR</c></summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed") { Description = "World seed; the same seed gives byte-identical files", DefaultValueFactory = _ => WorldBuildOptions.DefaultSeed };
        var size = new Option<string>("--size") { Description = "small (tests), default (the tiny CPU pipeline) or paper (InstructGPT Table 6 sizes)", DefaultValueFactory = _ => "default" };
        var output = new Option<string>("--out", "-o") { Description = "Output directory", Required = true };
        var wordnet = new Option<string?>("--wordnet") { Description = "WordNet 3.0 database directory (default /usr/share/wordnet)" };
        var build = new Command("build", "Build the default world (datasets and eval sets) from WordNet") { seed, size, output, wordnet };
        build.SetAction(parse =>
        {
            if (!Enum.TryParse<WorldSize>(parse.GetValue(size), ignoreCase: true, out var worldSize))
            {
                Console.Error.WriteLine($"instructgpt data build: --size must be small, default or paper (got '{parse.GetValue(size)}')");
                return 2;
            }
            try
            {
                var manifest = WorldBuilder.Build(new WorldBuildOptions
                {
                    Seed = parse.GetValue(seed),
                    Size = worldSize,
                    OutputDirectory = parse.GetValue(output)!,
                    WordNetDirectory = parse.GetValue(wordnet) ?? new WorldBuildOptions { OutputDirectory = "" }.WordNetDirectory,
                    Progress = p => Console.Error.Write($"\r{p.Stage}: {p.Completed}/{p.Total}   "),
                });
                Console.Error.WriteLine();
                foreach (var file in manifest.Files) Console.WriteLine($"{file.Name,-40} {file.Records,7} records");
                return 0;
            }
            catch (Exception e) when (e is WordNetMissingException or IOException or ArgumentException)
            {
                Console.Error.WriteLine($"instructgpt data build: {e.Message}");
                return 2;
            }
        });
        return new Command("data", "Datasets: build the default world") { build };
    }
}
