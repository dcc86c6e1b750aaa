namespace InstructGpt.Tasks.Labeling;

/// <summary>One yes/no field of the labeling form, with the short reason the labeler gives for it.</summary>
public sealed record MetadataFlag(bool Value, string Reason)
{
    public static MetadataFlag No(string reason) => new(false, reason);
    public static MetadataFlag Yes(string reason) => new(true, reason);

    public override string ToString() => $"{(Value ? "yes" : "no")} ({Reason})";
}
