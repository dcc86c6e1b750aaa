namespace InstructGpt.Api.Labeling;

/// <summary>An output as a labeler sees it: its letter and text.</summary>
public sealed record ShownOutput(string Label, string Text);
