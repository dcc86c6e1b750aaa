namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// A model in an evaluation run: a name for the reports and the checkpoint it generates from. The paper's
/// "GPT (prompted)" baseline is the base checkpoint behind a few-shot <see cref="Prefix"/> that puts it into an
/// instruction-following mode (InstructGPT §4.1); its <see cref="Stop"/> ends the answer where the next example
/// would begin.
/// </summary>
public sealed record EvaluatedModel(string Name, string CheckpointDirectory)
{
    /// <summary>Text put before every query (a few-shot prefix); empty for models given the prompt alone.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Stop sequences besides the end-of-text token.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>
    /// Whether held-out text is scored with this model. A prefixed model shares its weights with the unprefixed
    /// one, and a few-shot prefix says nothing about how well the weights model plain text.
    /// </summary>
    public bool ScoresDocuments => Prefix.Length == 0;
}
