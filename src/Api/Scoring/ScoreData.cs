namespace InstructGpt.Api.Scoring;

/// <param name="Object">Always "score".</param>
/// <param name="Index">The completion's position in the request.</param>
/// <param name="Score">The reward: higher is preferred. Only differences between scores for one prompt mean anything.</param>
public sealed record ScoreData(string Object, int Index, double Score);
