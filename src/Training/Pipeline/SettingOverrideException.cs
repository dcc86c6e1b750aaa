namespace InstructGpt.Training.Pipeline;

/// <summary>
/// An override that cannot be a setting: <see cref="Key"/> is the name as given, the message says what the setting
/// takes ("Epochs must be an integer in [1, 1000] (got 1.5)"). Callers put the name in their own words (the CLI's
/// "--set Epochs", the API's "hyperparameters.Epochs").
/// </summary>
public sealed class SettingOverrideException(string key, string message) : ArgumentException(message)
{
    public string Key { get; } = key;
}
