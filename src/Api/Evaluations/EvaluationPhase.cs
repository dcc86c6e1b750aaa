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
