using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>Creates a run, or resumes one with the same id after checking that it was started with the same settings.</summary>
internal static class RunLifecycle
{
    public static async Task<EvaluationRun> StartAsync(EvaluationStore store, EvaluationRequest request, TimeProvider clock, CancellationToken cancellationToken)
    {
        var config = RunConfiguration.Json(request);
        var id = request.RunId ?? RunIds.New(clock.GetUtcNow());
        var existing = await store.GetRunAsync(id, cancellationToken);
        if (existing is null)
        {
            return await store.CreateRunAsync(new EvaluationRun
            {
                Id = id,
                Status = RunStatus.Running,
                Models = request.Models.Select(m => m.Name).ToArray(),
                Baseline = request.Baseline,
                EvalSet = request.EvalSet,
                Judges = request.Judges,
                ConfigJson = config,
            }, cancellationToken);
        }
        RunConfiguration.EnsureSame(id, existing.ConfigJson, config);
        await store.SetRunStatusAsync(id, RunStatus.Running, cancellationToken: cancellationToken);
        return existing with { Status = RunStatus.Running };
    }
}
