using InstructGpt.Evaluation.Runs;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Evaluations;

/// <summary>Passes the runner's progress to the job's reporter, with tokens per second and an ETA from the rate so far.</summary>
public sealed class EvaluationProgressRelay(IProgress<StageProgress> job) : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value)
    {
        var seconds = Math.Max(1e-9, value.Elapsed.TotalSeconds);
        TimeSpan? eta = value.Done > 0 && value.Done < value.Total ? TimeSpan.FromSeconds(seconds / value.Done * (value.Total - value.Done)) : null;
        var tokensPerSecond = value.GeneratedTokens / seconds;
        var metrics = new Dictionary<string, double> { ["generated_tokens"] = value.GeneratedTokens, ["tokens_per_second"] = tokensPerSecond };
        job.Report(new StageProgress(EvaluationPhase.Format(value.Phase, value.Model), value.Done, value.Total, null, metrics, tokensPerSecond, value.Elapsed, eta));
    }
}
