using System.Text.Json.Serialization;

namespace InstructGpt.Api.Scoring;

/// <summary>
/// A request to <c>POST /v1/score</c>: a reward model's score for each completion of one prompt, read at the
/// completion's end-of-text token as the RM was trained (InstructGPT §3.5). Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScoreRequest
{
    /// <summary>Most completions one request may score.</summary>
    public const int MaxCompletions = 64;

    /// <summary>A reward model (GET /v1/models lists those of kind "reward_model").</summary>
    public string? Model { get; init; }

    /// <summary>The prompt the completions answer.</summary>
    public string? Prompt { get; init; }

    /// <summary>The completions to score, 1 to 64 strings.</summary>
    public IReadOnlyList<string>? Completions { get; init; }
}
