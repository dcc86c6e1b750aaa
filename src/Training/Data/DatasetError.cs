namespace InstructGpt.Training.Data;

/// <summary>One invalid field of one record: where it is (file, 1-based line, field) and what is wrong.</summary>
public sealed record DatasetError(string File, int Line, string Field, string Message)
{
    /// <summary>"data/rm.jsonl:17: completions: K must be between 2 and 9, got 10".</summary>
    public override string ToString() =>
        Field.Length == 0 ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";
}
