namespace InstructGpt.Inference.Serving;

/// <summary>No servable checkpoint has that name.</summary>
public sealed class ModelNotFoundException(string model)
    : Exception($"The model '{model}' does not exist. GET /v1/models lists the models that can be served.")
{
    public string Model { get; } = model;
}

/// <summary>The checkpoint is a reward model: it scores completions and cannot write them.</summary>
public sealed class NotALanguageModelException(string model)
    : Exception($"The model '{model}' is a reward model: it scores completions (POST /v1/score) and does not write them. " +
                "GET /v1/models gives each model's kind.")
{
    public string Model { get; } = model;
}

/// <summary>A checkpoint exists but could not be loaded (damaged files, a tokenizer that does not fit the model, no memory).</summary>
public sealed class ModelLoadException(string model, Exception inner)
    : Exception($"The model '{model}' could not be loaded: {inner.Message}", inner)
{
    public string Model { get; } = model;
}
