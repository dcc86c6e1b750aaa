using System.Text.Json.Serialization;

namespace InstructGpt.Api.Labeling;

/// <summary>Who a credential is: a labeler with their counts, or "admin" for the API key (its other fields left out).</summary>
public sealed record LabelerMe(
    string Object,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Submitted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Skipped)
{
    public static LabelerMe Admin { get; } = new("admin", null, null, null, null);
}
