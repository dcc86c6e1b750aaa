namespace InstructGpt.Api.Evaluations;

/// <summary>OpenAI's list shape, newest first.</summary>
public sealed record EvaluationList(string Object, IReadOnlyList<EvaluationObject> Data, bool HasMore);
