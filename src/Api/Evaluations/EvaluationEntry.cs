using System.Text.Json;
using InstructGpt.Api.Jobs;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// An evaluation's two records: the job that runs it (null for a run made by <c>instructgpt eval</c> in the same data directory) and
/// its row in evaluation_runs (null until the job starts). The job's id is the run's id.
/// </summary>
public sealed record EvaluationEntry(JobRecord? Job, EvaluationRun? Run)
{
    public string Id => Job?.Id ?? Run!.Id;

    public DateTimeOffset CreatedAt => Job?.CreatedAt ?? Run!.CreatedAt;

    /// <summary>Its aggregates are stored, so its report can be drawn.</summary>
    public bool HasReport => Run?.Status == RunStatus.Completed;

    /// <summary>The API's view: the job's state (fresher from <paramref name="live"/> while it runs), the run's description, and <paramref name="report"/> when given.</summary>
    public EvaluationObject ToObject(LiveProgress? live, EvaluationReport? report)
    {
        var links = Links(report);
        if (Job is not { } job) return FromRun(Run!, links, report);
        var current = live is not null && job.Status == JobStatus.Running ? live : null;
        var (phase, model) = EvaluationPhase.Parse(current?.Stage ?? job.Stage);
        var done = current?.Step ?? job.Step;
        var total = current?.TotalSteps ?? job.TotalSteps;
        var fraction = Math.Round(current?.Fraction ?? job.Fraction, 6);
        var metrics = current?.Metrics ?? job.Metrics;
        var spec = JobSpecJson.Read<EvaluationSpec>(job.RequestJson);
        return new EvaluationObject(
            job.Id, "evaluation", job.Status.ToName(), phase, model,
            new EvaluationProgressInfo(done, total, fraction, Math.Round(fraction * 100, 2)),
            job.Status == JobStatus.Running ? current?.EtaSeconds ?? job.EtaSeconds : null,
            (long)metrics.GetValueOrDefault("generated_tokens"),
            job.Error, job.Attempts, job.CancelRequested,
            job.CreatedAt.ToUnixTimeSeconds(), job.StartedAt?.ToUnixTimeSeconds(), job.FinishedAt?.ToUnixTimeSeconds(),
            spec.Models, spec.Baseline, spec.EvalSets, spec.Judges,
            Parse(job.RequestJson), ReportElement(report), links);
    }

    private static EvaluationObject FromRun(EvaluationRun run, EvaluationLinks links, EvaluationReport? report)
    {
        var status = run.Status switch
        {
            RunStatus.Completed => JobStatus.Succeeded,
            RunStatus.Running => JobStatus.Running,
            RunStatus.Failed => JobStatus.Failed,
            RunStatus.Cancelled => JobStatus.Cancelled,
            _ => JobStatus.Queued,
        };
        var ended = status.IsFinished();
        return new EvaluationObject(
            run.Id, "evaluation", status.ToName(), null, null,
            new EvaluationProgressInfo(0, 0, run.Status == RunStatus.Completed ? 1 : 0, run.Status == RunStatus.Completed ? 100 : 0),
            null, 0, run.Error, 1, false,
            run.CreatedAt.ToUnixTimeSeconds(), run.CreatedAt.ToUnixTimeSeconds(), ended ? run.UpdatedAt.ToUnixTimeSeconds() : null,
            run.Models.Append(run.Baseline).Distinct().ToList(), run.Baseline, run.EvalSet.Split(',', StringSplitOptions.RemoveEmptyEntries), run.Judges,
            Parse(run.ConfigJson), ReportElement(report), links);
    }

    private EvaluationLinks Links(EvaluationReport? report)
    {
        var self = $"/v1/evaluations/{Id}";
        return new EvaluationLinks(self, $"{self}/samples",
            HasReport ? $"{self}/report.json" : null,
            HasReport ? $"{self}/report.md" : null,
            HasReport ? $"{self}/report.html" : null,
            report is null ? null : ReportCharts.Render(report).ToDictionary(c => c.Id, c => $"{self}/charts/{c.FileName}"));
    }

    private static JsonElement? ReportElement(EvaluationReport? report) => report is null ? null : Parse(ReportJson.Serialize(report));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
