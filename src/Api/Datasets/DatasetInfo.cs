namespace InstructGpt.Api.Datasets;

/// <summary>A stored dataset: <c>$INSTRUCTGPT_HOME/datasets/NAME.jsonl</c>.</summary>
/// <param name="Object">Always "dataset".</param>
/// <param name="Kind">text, demonstrations, prompts, comparisons or toxicity_probes; null for a file put there by hand, which no upload validated.</param>
/// <param name="Records">Records in the file (validated uploads only).</param>
/// <param name="Bytes">Size of the file.</param>
/// <param name="Sha256">Hex SHA-256 of the file (validated uploads only); training records it as the dataset hash.</param>
/// <param name="CreatedAt">Unix seconds.</param>
public sealed record DatasetInfo(string Name, string Object, string? Kind, int? Records, long Bytes, string? Sha256, long CreatedAt)
{
    public const string ObjectName = "dataset";
}
