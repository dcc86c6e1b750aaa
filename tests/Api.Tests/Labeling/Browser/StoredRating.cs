using System.Text.Json;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>One feedback_ratings row of a labeling task, joined with its evaluation_human_labels twin (same id).</summary>
public sealed record StoredRating(long Id, string Label, string? Model, long Likert, JsonElement Flags, string? Comment, string Labeler,
    string? BatchId, long? TaskId, string Prompt, string Output, long? HumanLikert, JsonElement? HumanFlags, string? HumanLabeler);
