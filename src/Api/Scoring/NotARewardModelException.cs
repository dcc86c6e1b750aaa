namespace InstructGpt.Api.Scoring;

/// <summary>The checkpoint is a language model: it has no score head to score with.</summary>
public sealed class NotARewardModelException(string model)
    : Exception($"The model '{model}' is a language model, not a reward model: it has no score head. Score with a model of kind \"reward_model\" (GET /v1/models), such as the pipeline's 'rm'.")
{
    public string Model { get; } = model;
}
