using InstructGpt.Api.Completions;

namespace InstructGpt.Api.Scoring;

/// <summary>The answer to <c>POST /v1/score</c>: one score per completion, in request order.</summary>
/// <param name="Object">Always "list".</param>
/// <param name="Data">One entry per completion.</param>
/// <param name="Usage">Tokens the reward model read (prompt and completion of every pair).</param>
public sealed record ScoreResponse(string Id, string Object, long Created, string Model, IReadOnlyList<ScoreData> Data, Usage Usage);
