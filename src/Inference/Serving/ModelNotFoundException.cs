namespace InstructGpt.Inference.Serving;

/// <summary>No servable checkpoint has that name.</summary>
public sealed class ModelNotFoundException(string model)
    : Exception($"The model '{model}' does not exist. GET /v1/models lists the models that can be served.")
{
    public string Model { get; } = model;
}
