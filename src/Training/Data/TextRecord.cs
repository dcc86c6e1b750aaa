namespace InstructGpt.Training.Data;

/// <summary>A pretraining document: <c>{"text"}</c>.</summary>
public sealed record TextRecord(string Text)
{
    public RecordMetadata Metadata { get; init; } = RecordMetadata.None;
}
