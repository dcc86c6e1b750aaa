namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Where a run is: the phase (<see cref="Phases"/>), the model being worked on, and how many of the run's work
/// units (one per model, prompt, variant and sample, plus one per scored document) are done, reused ones included.
/// </summary>
public sealed record EvaluationProgress(string RunId, string Phase, string? Model, long Done, long Total, long GeneratedTokens, TimeSpan Elapsed)
{
    public static class Phases
    {
        public const string Generate = "generate";
        public const string ScoreDocuments = "score";
        public const string Aggregate = "aggregate";
    }

    public double Fraction => Total <= 0 ? 1 : Math.Clamp((double)Done / Total, 0, 1);
}
