namespace InstructGpt.Safetensors;

/// <summary>A safetensors file that does not follow the format; the message names the file and the problem.</summary>
public sealed class SafetensorsFormatException(string path, string problem)
    : IOException($"{path}: not a valid safetensors file: {problem}")
{
    public string Path { get; } = path;
}
