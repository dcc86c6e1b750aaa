using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// What the API returns for a run and what every other report format is drawn from: the run's description and
/// its results, one entry per (model, judge, category, metric), each with its 95% interval, n and method.
/// </summary>
public sealed record EvaluationReport
{
    public required string RunId { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string Baseline { get; init; }
    public required string EvalSet { get; init; }

    /// <summary>Every model in the report, in the run's order, the baseline included.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    public required IReadOnlyList<string> Judges { get; init; }
    public string? Error { get; init; }
    public double ConfidenceLevel { get; init; } = MetricEstimate.ConfidenceLevel;
    public required IReadOnlyList<Aggregate> Results { get; init; }

    public static EvaluationReport Create(EvaluationRun run, IReadOnlyList<Aggregate> aggregates)
    {
        var models = run.Models
            .Append(run.Baseline)
            .Concat(aggregates.Select(a => a.Model).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var judges = run.Judges
            .Concat(aggregates.Select(a => a.Judge).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var results = aggregates
            .OrderBy(a => MetricOrder.Rank(a.Metric))
            .ThenBy(a => a.Metric, StringComparer.Ordinal)
            .ThenBy(a => Array.IndexOf(models, a.Model))
            .ThenBy(a => Array.IndexOf(judges, a.Judge))
            .ThenBy(a => a.Category == Aggregate.AllCategories ? 0 : 1)
            .ThenBy(a => a.Category, StringComparer.Ordinal)
            .ToArray();
        return new EvaluationReport
        {
            RunId = run.Id,
            Status = run.Status,
            CreatedAt = run.CreatedAt,
            UpdatedAt = run.UpdatedAt,
            Baseline = run.Baseline,
            EvalSet = run.EvalSet,
            Models = models,
            Judges = judges,
            Error = run.Error,
            Results = results,
        };
    }

    /// <summary>The result for a cell, or null when the run has none.</summary>
    public Aggregate? Find(string model, string judge, string metric, string category = Aggregate.AllCategories) =>
        Results.FirstOrDefault(a => a.Model == model && a.Judge == judge && a.Metric == metric && a.Category == category);

    /// <summary>
    /// The judge whose view a chart of <paramref name="metric"/> shows: the first of the run's judges that has
    /// results for it (the run lists its primary labeler first).
    /// </summary>
    public string? JudgeFor(string metric) =>
        Judges.FirstOrDefault(judge => Results.Any(a => a.Judge == judge && a.Metric == metric));

    /// <summary>The metrics present, in report order.</summary>
    public IReadOnlyList<string> Metrics => Results.Select(a => a.Metric).Distinct(StringComparer.Ordinal).ToArray();
}
