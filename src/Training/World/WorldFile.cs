
using InstructGpt.Tasks;

namespace InstructGpt.Training.World;

/// <summary>One file of a built world as the manifest lists it.</summary>
public sealed record WorldFile
{
    public required string Name { get; init; }
    /// <summary>text, demonstrations, prompts or toxicity_probes (docs/datasets.md).</summary>
    public required string Format { get; init; }
    public required int Records { get; init; }
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }
    /// <summary>Records per category, for prompt files.</summary>
    public IReadOnlyDictionary<TaskCategory, int> Categories { get; init; } = new Dictionary<TaskCategory, int>();
}
