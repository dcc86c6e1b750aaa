using System.Text.Json.Serialization;

namespace InstructGpt.Api.Labeling;

/// <summary>A labeler over REST. <paramref name="Token"/> is there only in the answer that issued it.</summary>
public sealed record LabelerObject(
    string Object, string Id, string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token,
    long CreatedAt, long? RevokedAt)
{
    public const string ObjectName = "labeler";
}
