namespace InstructGpt.Api.Labeling;

/// <summary>One output's Likert score and the flags given for it.</summary>
public sealed record ValidOutputRating(string Label, int Likert, IReadOnlyDictionary<string, bool> Flags);
