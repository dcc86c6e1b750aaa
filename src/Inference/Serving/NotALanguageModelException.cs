namespace InstructGpt.Inference.Serving;

/// <summary>The checkpoint is a reward model: it scores completions and cannot write them.</summary>
public sealed class NotALanguageModelException(string model)
    : Exception($"The model '{model}' is a reward model: it scores completions (POST /v1/score) and does not write them. " +
                "GET /v1/models gives each model's kind.")
{
    public string Model { get; } = model;
}
