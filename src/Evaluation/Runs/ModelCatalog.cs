namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Turns the model names a user types into checkpoints: a checkpoint name under the home's checkpoints/, a
/// checkpoint directory path, or one of the paper's two GPT baselines, <c>gpt</c> (the base model) and
/// <c>gpt-prompted</c> (the base model behind a few-shot prefix).
/// </summary>
public static class ModelCatalog
{
    public const string Gpt = "gpt";
    public const string GptPrompted = "gpt-prompted";

    /// <summary>The checkpoint the pipeline's pretraining stage publishes: what "gpt" names.</summary>
    public const string BaseCheckpoint = "base";

    public static EvaluatedModel Resolve(string name, string checkpointsDirectory, string? fewShotPrefix = null)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("models: a model name is empty", "models");
        var model = name switch
        {
            Gpt => new EvaluatedModel(Gpt, Path.Combine(checkpointsDirectory, BaseCheckpoint)),
            GptPrompted => new EvaluatedModel(GptPrompted, Path.Combine(checkpointsDirectory, BaseCheckpoint))
            {
                Prefix = fewShotPrefix ?? FewShotPrefix.Default,
                Stop = [FewShotPrefix.ExampleSeparator],
            },
            _ when IsPath(name) => new EvaluatedModel(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(name))), Path.GetFullPath(name)),
            _ => new EvaluatedModel(name, Path.Combine(checkpointsDirectory, name)),
        };
        if (!File.Exists(Path.Combine(model.CheckpointDirectory, "config.json")))
            throw new ArgumentException($"models: '{name}' has no checkpoint at {model.CheckpointDirectory} (no config.json there)", "models");
        return model with { CheckpointDirectory = Path.GetFullPath(model.CheckpointDirectory) };
    }

    private static bool IsPath(string name) =>
        name.Contains('/') || name.Contains('\\') || name.StartsWith('.') || Path.IsPathRooted(name);
}
