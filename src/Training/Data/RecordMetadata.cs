
using InstructGpt.Tasks;

namespace InstructGpt.Training.Data;

/// <summary>
/// The optional fields any record may carry: <c>id</c>, <c>user_id</c> (splits are made by user, InstructGPT §3.2),
/// <c>category</c> (Table 1), <c>constraints</c> (explicit ones a labeler checks) and <c>source</c> (the text a
/// closed-domain task answers from).
/// </summary>
public sealed record RecordMetadata
{
    public static RecordMetadata None { get; } = new();

    public string? Id { get; init; }
    public string? UserId { get; init; }
    public TaskCategory? Category { get; init; }
    public IReadOnlyList<TaskConstraint> Constraints { get; init; } = [];
    public string? Source { get; init; }

    public bool Equals(RecordMetadata? other) =>
        other is not null && Id == other.Id && UserId == other.UserId && Category == other.Category &&
        Source == other.Source && Constraints.SequenceEqual(other.Constraints);

    public override int GetHashCode() => HashCode.Combine(Id, UserId, Category, Source, Constraints.Count);
}
