namespace InstructGpt.Api.Labeling;

public sealed record SkipResult(string Object, long TaskId)
{
    public const string ObjectName = "labeling.skip";
}
