namespace InstructGpt.Api.Completions;

/// <summary>stream_options of OpenAI's API.</summary>
public sealed record StreamOptions
{
    /// <summary>Send one more chunk before [DONE], with no choices and the request's token usage.</summary>
    public bool? IncludeUsage { get; init; }
}
