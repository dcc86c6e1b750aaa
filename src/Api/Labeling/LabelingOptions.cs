namespace InstructGpt.Api.Labeling;

/// <summary>Labeling settings (section <c>Labeling</c>).</summary>
public sealed record LabelingOptions
{
    public const string Section = "Labeling";

    /// <summary>How long an assigned task stays held for its labeler before its slot is free for another (default 60 minutes).</summary>
    public double AssignmentLeaseMinutes { get; set; } = 60;

    public TimeSpan Lease => TimeSpan.FromMinutes(AssignmentLeaseMinutes);
}
