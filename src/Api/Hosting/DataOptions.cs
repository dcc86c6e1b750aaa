using System.ComponentModel.DataAnnotations;

namespace InstructGpt.Api.Hosting;

/// <summary>
/// The data directory (docs/data-directory.md: <c>INSTRUCTGPT_HOME</c>, default <c>./var</c>): checkpoints, the database, runs
/// and the generated API key live under it. Set with <c>Data:Home</c> or the INSTRUCTGPT_HOME environment variable.
/// </summary>
public sealed record DataOptions
{
    public const string Section = "Data";
    public const string EnvironmentVariable = "INSTRUCTGPT_HOME";

    [Required] public string Home { get; set; } = "var";

    public string FullHome => Path.GetFullPath(Home);
    public string CheckpointsDirectory => Path.Combine(FullHome, "checkpoints");
}
