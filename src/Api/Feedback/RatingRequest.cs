using InstructGpt.Api.Errors;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Feedback;

/// <summary>A person's rating of one output: <c>POST /v1/feedback/ratings</c>.</summary>
public sealed record RatingRequest
{
    /// <summary>The prompt the output answers, exactly as the model saw it.</summary>
    public string? Prompt { get; init; }

    /// <summary>The output being rated.</summary>
    public string? Output { get; init; }

    /// <summary>The checkpoint that wrote the output, if known (e.g. "ppo").</summary>
    public string? Model { get; init; }

    /// <summary>Overall quality on the paper's Likert scale: 1 (terrible) to 7 (excellent).</summary>
    public int? Likert { get; init; }

    /// <summary>The labeling form's yes/no fields; leave out those that do not apply.</summary>
    public RatingFlags? Flags { get; init; }

    /// <summary>Free text for the labeler's reasons.</summary>
    public string? Comment { get; init; }

    /// <summary>Who rated it (default "api").</summary>
    public string? Labeler { get; init; }

    /// <summary>The evaluation-set id of the prompt, when it has one.</summary>
    public string? PromptId { get; init; }

    /// <summary>The rating to store; throws <see cref="InvalidRequestException"/> naming the first field out of range.</summary>
    public ValidRating Validate()
    {
        var prompt = FeedbackFields.Required(Prompt, "prompt");
        var output = FeedbackFields.Required(Output, "output", allowEmpty: true);
        if (Likert is not { } likert)
            throw new InvalidRequestException($"Missing required field 'likert': an integer from {LabelingForm.LikertMin} (terrible) to {LabelingForm.LikertMax} (excellent).", "likert");
        if (likert is < LabelingForm.LikertMin or > LabelingForm.LikertMax)
            throw new InvalidRequestException($"Invalid value for 'likert': must be an integer in [{LabelingForm.LikertMin}, {LabelingForm.LikertMax}] (got {likert}).", "likert");
        return new ValidRating(
            FeedbackFields.OptionalName(PromptId, "prompt_id"), prompt, output, FeedbackFields.OptionalName(Model, "model"), likert,
            Flags?.ToDictionary() ?? new Dictionary<string, bool>(), FeedbackFields.OptionalComment(Comment),
            FeedbackFields.OptionalName(Labeler, "labeler") ?? FeedbackFields.DefaultLabeler);
    }
}
