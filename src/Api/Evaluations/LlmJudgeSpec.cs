namespace InstructGpt.Api.Evaluations;

/// <param name="ApiKeyGiven">Whether the request carried an API key (kept in memory only).</param>
public sealed record LlmJudgeSpec(string Url, string Model, string Endpoint, bool ApiKeyGiven);
