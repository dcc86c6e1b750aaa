using System.Diagnostics;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Runs an evaluation (InstructGPT §4): every model answers every prompt, the judges label each output and
/// compare it with the baseline's output for the same prompt, toxicity probes are continued k times with and
/// without the respectful instruction, held-out text is scored for the alignment tax; then the aggregates
/// (win rate, Likert, metadata rates, toxicity, RM score, perplexity, each with a 95% interval) are stored and
/// the reports written.
/// </summary>
/// <remarks>
/// Every output, label, judgment and document score is committed as it is produced. A run that crashed or was
/// cancelled resumes when the same request is given again with its run id: what is stored is skipped, and a
/// batch that was cut short is generated again exactly as before (same prompts together, same seed), keeping the
/// rows already stored, so the resumed run ends with the rows and aggregates an uninterrupted one would have.
/// The baseline goes first, so its outputs are there when the other models are compared with it.
/// Long and synchronous between awaits (model forward passes): hosts run it on a background thread.
/// </remarks>
public sealed class EvaluationRunner(EvaluationStore store, HttpClient? http = null, TimeProvider? clock = null)
{
    private readonly TimeProvider timeProvider = clock ?? TimeProvider.System;

    public async Task<EvaluationResult> RunAsync(EvaluationRequest request, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        request.Validate();
        var run = await RunLifecycle.StartAsync(store, request, timeProvider, cancellationToken);
        try
        {
            var counts = new RunCounts();
            var stopwatch = Stopwatch.StartNew();
            var units = await EvaluateAsync(run.Id, request, counts, progress, stopwatch, cancellationToken);
            progress?.Report(new EvaluationProgress(run.Id, EvaluationProgress.Phases.Aggregate, null, units, units, counts.GeneratedTokens, stopwatch.Elapsed));
            return await FinishAsync(run.Id, request, counts, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await MarkAsync(run.Id, RunStatus.Cancelled, "cancelled; run it again with the same run id to resume");
            throw;
        }
        catch (Exception e)
        {
            await MarkAsync(run.Id, RunStatus.Failed, e.Message);
            throw;
        }
    }

    /// <summary>Records how the run ended. If even that fails (the database is gone), the error that ended the run is the one worth seeing.</summary>
    private async Task MarkAsync(string runId, RunStatus status, string reason)
    {
        try
        {
            await store.SetRunStatusAsync(runId, status, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
        }
    }

    /// <returns>The run's work units, for the progress total.</returns>
    private async Task<long> EvaluateAsync(string runId, EvaluationRequest request, RunCounts counts, IProgress<EvaluationProgress>? progress, Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        var state = await RunState.LoadAsync(store, runId, cancellationToken);
        var batches = EvaluationPlan.Batches(request);
        var models = request.Models.OrderBy(m => m.Name == request.Baseline ? 0 : 1).ToArray(); // stable: the rest keep their order
        long total = models.Sum(m => ModelPass.Units(request, m, batches)), done = 0;
        void Advance(string phase, string? model, long units)
        {
            done += units;
            progress?.Report(new EvaluationProgress(runId, phase, model, done, total, counts.GeneratedTokens, stopwatch.Elapsed));
        }

        using var judges = JudgePanel.Create(request, store, http);
        var judging = new BatchJudging(store, judges, state, request.Baseline, counts);
        var pass = new ModelPass(store, request, state, judging, counts, Advance);
        foreach (var model in models)
            await pass.RunAsync(model, batches, cancellationToken);
        return total;
    }

    private async Task<EvaluationResult> FinishAsync(string runId, EvaluationRequest request, RunCounts counts, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"run '{runId}' disappeared from {store.DatabasePath}");
        var samples = await store.ListSamplesAsync(runId, cancellationToken);
        var judgments = await store.ListJudgmentsAsync(runId, cancellationToken);
        var documents = await store.ListDocumentScoresAsync(runId, cancellationToken);
        var aggregates = RunAggregates.Compute(run, samples, judgments)
            .Concat(DocumentAggregates.Compute(documents, run.Models, request.TaxReference))
            .ToArray();
        await store.ReplaceAggregatesAsync(runId, aggregates, cancellationToken);
        await store.SetRunStatusAsync(runId, RunStatus.Completed, cancellationToken: cancellationToken);
        var finished = await store.GetRunAsync(runId, cancellationToken) ?? run;
        var report = EvaluationReport.Create(finished, await store.ListAggregatesAsync(runId, cancellationToken));
        var files = request.ReportDirectory is null ? [] : await ReportFiles.WriteAsync(report, request.ReportDirectory, cancellationToken);
        return new EvaluationResult(finished, report, counts, files);
    }
}
