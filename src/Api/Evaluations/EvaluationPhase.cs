using InstructGpt.Evaluation.Runs;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// An evaluation's place as the job's stage column holds it: the runner's phase and the model it works on ("generate:ppo"), so that
/// the job queue's progress, its series and /metrics need nothing of their own for evaluations.
/// </summary>
public static class EvaluationPhase
{
    public static string Format(string phase, string? model) => model is null ? phase : $"{phase}:{model}";

    public static (string? Phase, string? Model) Parse(string? stage)
    {
        if (string.IsNullOrEmpty(stage)) return (null, null);
        var colon = stage.IndexOf(':');
        return colon < 0 ? (stage, null) : (stage[..colon], stage[(colon + 1)..]);
    }
}

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
