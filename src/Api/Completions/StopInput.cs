using System.Text.Json.Serialization;

namespace InstructGpt.Api.Completions;

/// <summary><c>stop</c>: one string or an array of up to 4 strings.</summary>
[JsonConverter(typeof(StopInputConverter))]
public sealed class StopInput(IReadOnlyList<string> sequences)
{
    public IReadOnlyList<string> Sequences { get; } = sequences;
}
