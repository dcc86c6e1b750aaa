using System.Text.Json.Serialization;

namespace InstructGpt.Api.Labeling;

/// <summary>Where a batch's prompts come from: exactly one of an eval set, an uploaded prompts dataset, or the texts themselves.</summary>
public sealed record BatchPrompts
{
    /// <summary>A committed eval set (test, test.closed-domain) or an eval set uploaded with POST /v1/datasets.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EvalSet { get; init; }

    /// <summary>An uploaded dataset of kind prompts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dataset { get; init; }

    /// <summary>The prompts themselves.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string?>? Texts { get; init; }
}
