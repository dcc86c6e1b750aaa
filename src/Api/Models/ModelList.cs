namespace InstructGpt.Api.Models;

/// <summary>OpenAI's list shape.</summary>
public sealed record ModelList(string Object, IReadOnlyList<ModelObject> Data);
