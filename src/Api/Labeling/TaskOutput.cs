namespace InstructGpt.Api.Labeling;

/// <summary>One output of a task as stored: the letter it is shown under, its text and the model that wrote it (never shown to labelers).</summary>
public sealed record TaskOutput(string Label, string Text, string Model);
