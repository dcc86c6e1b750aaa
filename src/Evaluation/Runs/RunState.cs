using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// What the run's database already holds, read once at the start and kept current as rows are committed: the
/// keys a resumed run skips, so it never generates, labels or scores anything twice.
/// </summary>
internal sealed class RunState
{
    public required string RunId { get; init; }
    public required Dictionary<OutputKey, GeneratedOutput> Outputs { get; init; }
    public required HashSet<SampleKey> Samples { get; init; }
    public required HashSet<(string Model, string Baseline, string PromptId, int SampleIndex, string Judge)> Judgments { get; init; }
    public required HashSet<(string Model, string DocumentId)> Documents { get; init; }

    public static async Task<RunState> LoadAsync(EvaluationStore store, string runId, CancellationToken cancellationToken) => new()
    {
        RunId = runId,
        Outputs = (await store.ListOutputsAsync(runId, cancellationToken)).ToDictionary(o => o.Key),
        Samples = (await store.ListCompletedSamplesAsync(runId, cancellationToken)).ToHashSet(),
        Judgments = (await store.ListJudgmentsAsync(runId, cancellationToken)).Select(j => (j.Model, j.Baseline, j.PromptId, j.SampleIndex, j.Judge)).ToHashSet(),
        Documents = (await store.ListDocumentScoresAsync(runId, cancellationToken)).Select(d => (d.Model, d.DocumentId)).ToHashSet(),
    };
}
