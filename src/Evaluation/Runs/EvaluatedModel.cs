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
    /// Best-of-n: each answer is the one the reward model at <see cref="RewardModelDirectory"/> scores highest among
    /// this many samples (an answer that ended beats one cut off by the length limit). 1 samples plainly. Best-of-n
    /// against the RM shows what optimising that RM can reach without moving the policy (Stiennon et al., 2020, §4.3;
    /// Gao et al., 2022).
    /// </summary>
    public int BestOf { get; init; } = 1;

    /// <summary>The reward model that picks among <see cref="BestOf"/> samples.</summary>
    public string? RewardModelDirectory { get; init; }

    /// <summary>
    /// Whether held-out text is scored with this model. A prefixed model shares its weights with the unprefixed
    /// one, and a few-shot prefix says nothing about how well the weights model plain text; a best-of-n model's
    /// weights are its checkpoint's.
    /// </summary>
    public bool ScoresDocuments => Prefix.Length == 0 && BestOf == 1;
}
