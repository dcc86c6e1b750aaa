namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>A labeling task's output as stored: its letter, text and the model that wrote it.</summary>
public sealed record StoredOutput(string Label, string Text, string Model);
