using System.ComponentModel.DataAnnotations;

namespace InstructGpt.Api.Hosting;

/// <summary>Limits on what a client may send.</summary>
public sealed record ApiLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    [Range(1024, 1L << 30)] public long MaxRequestBodyBytes { get; set; } = 1 << 20;
}
