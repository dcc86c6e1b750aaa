using System.Text.Json.Serialization;

namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// One cell of a run's results: a metric for one model, as one judge saw it, over one category of prompts
/// (<see cref="AllCategories"/> for all of them). The shape of a row of <c>evaluation_aggregates</c> and of an
/// entry in the JSON report.
/// </summary>
public sealed record Aggregate(
    string Model,
    string Judge,
    string Category,
    string Metric,
    double Value,
    double? CiLow,
    double? CiHigh,
    int N,
    string Method)
{
    /// <summary>The category name for a metric over every prompt of the run.</summary>
    public const string AllCategories = "all";

    public static Aggregate Of(string model, string judge, string category, string metric, MetricEstimate estimate) =>
        new(model, judge, category, metric, estimate.Value, estimate.CiLow, estimate.CiHigh, estimate.N, estimate.Method);

    [JsonIgnore]
    public MetricEstimate Estimate => new(Value, CiLow, CiHigh, N, Method);
}
