using System.ComponentModel.DataAnnotations;

namespace InstructGpt.Api.Datasets;

/// <summary>Dataset uploads (configuration section <c>Datasets</c>).</summary>
public sealed record DatasetOptions
{
    public const string Section = "Datasets";

    /// <summary>Largest upload accepted, in bytes; JSON requests keep Limits:MaxRequestBodyBytes.</summary>
    [Range(1024, 1L << 40)] public long MaxUploadBytes { get; set; } = 256L << 20;

    /// <summary>How many invalid records a rejected upload lists (all of them are counted).</summary>
    [Range(1, 50)] public int MaxReportedErrors { get; set; } = 20;
}
