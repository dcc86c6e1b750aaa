namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>One line of Prometheus' text exposition format: a series name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Whether every one of <paramref name="labels"/> is on this sample (it may have more).</summary>
    public bool Has(IEnumerable<(string Name, string Value)> labels) =>
        labels.All(l => Labels.TryGetValue(l.Name, out var value) && value == l.Value);
}
