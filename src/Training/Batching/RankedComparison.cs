namespace InstructGpt.Training.Batching;

/// <summary>K outputs for one prompt with their ranks (1 = best; equal ranks are ties).</summary>
public sealed record RankedComparison(string Prompt, IReadOnlyList<string> Completions, IReadOnlyList<int> Ranks);
