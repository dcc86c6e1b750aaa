namespace InstructGpt.Inference.Serving;

/// <summary>A checkpoint exists but could not be loaded (damaged files, a tokenizer that does not fit the model, no memory).</summary>
public sealed class ModelLoadException(string model, Exception inner)
    : Exception($"The model '{model}' could not be loaded: {inner.Message}", inner)
{
    public string Model { get; } = model;
}
