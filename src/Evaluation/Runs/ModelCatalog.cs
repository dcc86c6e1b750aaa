namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Turns the model names a user types into checkpoints: a checkpoint name under the home's checkpoints/, a
/// checkpoint directory path, or one of the paper's two GPT baselines, <c>gpt</c> (the base model) and
/// <c>gpt-prompted</c> (the base model behind a few-shot prefix). Any of them followed by <c>@best-of-N</c>
/// (<c>sft@best-of-16</c>) answers with the best of N samples by the home's reward model (checkpoints/rm).
/// </summary>
public static class ModelCatalog
{
    public const string Gpt = "gpt";
    public const string GptPrompted = "gpt-prompted";

    /// <summary>The suffix that asks for best-of-n sampling, and the range of n it accepts.</summary>
    public const string BestOfSuffix = "@best-of-";
    public const int MaxBestOf = 64;

    /// <summary>The reward model best-of-n ranks with: the pipeline's rm checkpoint.</summary>
    public const string RewardModelCheckpoint = "rm";

    /// <summary>The checkpoint the pipeline's pretraining stage publishes: what "gpt" names.</summary>
    public const string BaseCheckpoint = "base";

    public static EvaluatedModel Resolve(string name, string checkpointsDirectory, string? fewShotPrefix = null)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("models: a model name is empty", "models");
        var suffix = name.LastIndexOf(BestOfSuffix, StringComparison.Ordinal);
        if (suffix > 0)
        {
            var n = name[(suffix + BestOfSuffix.Length)..];
            if (!int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bestOf) || bestOf is < 2 or > MaxBestOf)
                throw new ArgumentException($"models: '{name}': N in {BestOfSuffix}N must be a whole number from 2 to {MaxBestOf}", "models");
            var rm = Path.GetFullPath(Path.Combine(checkpointsDirectory, RewardModelCheckpoint));
            if (!File.Exists(Path.Combine(rm, "config.json")))
                throw new ArgumentException($"models: '{name}' ranks samples with the reward model, and there is none at {rm}", "models");
            var inner = Resolve(name[..suffix], checkpointsDirectory, fewShotPrefix);
            return inner with { Name = name, BestOf = bestOf, RewardModelDirectory = rm };
        }
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
