namespace InstructGpt.Training.Batching;

/// <summary>A prompt and the completion the model should learn to write after it.</summary>
public sealed record Demonstration(string Prompt, string Completion);
