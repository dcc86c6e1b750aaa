namespace InstructGpt.Api.Evaluations;

/// <summary>The llm judge's endpoint.</summary>
public sealed record LlmJudgeRequest
{
    /// <summary>Base URL as OpenAI's clients take it, e.g. http://127.0.0.1:8080/v1.</summary>
    public string? Url { get; init; }

    /// <summary>The judge model's name at that endpoint.</summary>
    public string? Model { get; init; }

    /// <summary>Sent as a bearer token. Held in this server's memory while the evaluation runs; never stored or shown.</summary>
    public string? ApiKey { get; init; }

    /// <summary>chat (POST /chat/completions, default) or completions (POST /completions).</summary>
    public string? Endpoint { get; init; }
}
