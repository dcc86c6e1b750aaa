namespace InstructGpt.Training.Pipeline;

/// <summary>
/// One override of a preset's setting, parsed once (<see cref="SettingsOverrides.Split"/>) from <c>Name=value</c> (the
/// CLI's --set) or from a request's hyperparameters object, and applied as it is wherever it travels.
/// </summary>
/// <param name="Key">
/// The name as the user gave it: "Epochs" for a single stage, "sft.Epochs" for a pipeline. Errors name this, so a
/// client reads the field it sent.
/// </param>
/// <param name="Stage">The stage whose settings record it changes (<see cref="SettingsOverrides.StagePrefixes"/>).</param>
/// <param name="Setting">The setting's name within that record, as given (case and '_' are ignored when matched).</param>
/// <param name="Value">The value as given: read as JSON when it is JSON, otherwise as a string.</param>
public sealed record SettingOverride(string Key, string Stage, string Setting, string Value)
{
    /// <summary>"Key=value": the form --set takes and a job's request_json keeps.</summary>
    public override string ToString() => $"{Key}={Value}";
}
