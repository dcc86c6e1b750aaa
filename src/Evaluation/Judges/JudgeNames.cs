namespace InstructGpt.Evaluation.Judges;

/// <summary>The judges a run can use, by the names stored in the samples' and judgments' <c>judge</c> column.</summary>
public static class JudgeNames
{
    /// <summary>The simulated labeler (<see cref="Labeling.SimulatedLabeler"/>): Likert, metadata, toxicity, preferences.</summary>
    public const string Labeler = "labeler";

    /// <summary>The reward model: a score per output, and the higher score preferred.</summary>
    public const string RewardModel = "rm";

    /// <summary>People's labels collected through the API, used where the database holds them.</summary>
    public const string Human = "human";

    /// <summary>An OpenAI-compatible chat or completions endpoint asked for a preference, as in AlpacaEval.</summary>
    public const string Llm = "llm";

    /// <summary>Not a judge: the log-likelihood of held-out text, under which perplexity and the alignment tax are stored.</summary>
    public const string LogLikelihood = "log-likelihood";

    public static IReadOnlyList<string> All { get; } = [Labeler, RewardModel, Human, Llm];
}
