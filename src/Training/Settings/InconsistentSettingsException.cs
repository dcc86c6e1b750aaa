namespace InstructGpt.Training.Settings;

/// <summary>Two settings of one stage contradict each other; <see cref="Setting"/> is the one to change.</summary>
public sealed class InconsistentSettingsException(string message, string? setting) : ArgumentException(message)
{
    public string? Setting { get; } = setting;
}
