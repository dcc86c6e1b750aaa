using InstructGpt.Training.Data;

namespace InstructGpt.Api.Datasets;

/// <summary>
/// The dataset formats an upload may have (docs/datasets.md), each checked by the reader training uses, so a file
/// that uploads is a file a training job can read.
/// </summary>
public static class DatasetKinds
{
    public const string Text = "text";
    public const string Demonstrations = "demonstrations";
    public const string Prompts = "prompts";
    public const string Comparisons = "comparisons";
    public const string ToxicityProbes = "toxicity_probes";

    /// <summary>Kind → the reader that validates a whole file and returns its record count (throws <see cref="DatasetFormatException"/>).</summary>
    private static readonly Dictionary<string, Func<string, int>> Readers = new(StringComparer.Ordinal)
    {
        [Text] = path => TextDataset.Read(path).Count,
        [Demonstrations] = path => DemonstrationDataset.Read(path).Count,
        [Prompts] = path => PromptDataset.Read(path).Count,
        [Comparisons] = path => ComparisonDataset.Read(path).Count,
        [ToxicityProbes] = path => ToxicityProbeDataset.Read(path).Count,
    };

    public static IReadOnlyList<string> All { get; } = [Text, Demonstrations, Prompts, Comparisons, ToxicityProbes];

    public static bool IsKnown(string kind) => Readers.ContainsKey(kind);

    /// <summary>Reads the whole file as <paramref name="kind"/>; the number of records.</summary>
    public static int Validate(string kind, string path) => Readers[kind](path);
}
