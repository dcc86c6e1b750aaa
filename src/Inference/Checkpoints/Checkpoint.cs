using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Model;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Checkpoints;

/// <summary>
/// A checkpoint directory: config.json, model.safetensors, vocab.json, merges.txt and (for ours)
/// instructgpt.json. Opens our checkpoints and Hugging Face GPT-2 ones alike.
/// </summary>
public sealed class Checkpoint
{
    public string Directory { get; }
    public GptConfig Config { get; }
    /// <summary>Null for checkpoints made elsewhere (e.g. by transformers' save_pretrained).</summary>
    public CheckpointMetadata? Metadata { get; }

    private Checkpoint(string directory, GptConfig config, CheckpointMetadata? metadata) =>
        (Directory, Config, Metadata) = (directory, config, metadata);

    public string WeightsPath => Path.Combine(Directory, CheckpointFiles.Weights);
    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    public static Checkpoint Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"checkpoint directory '{directory}' does not exist");
        var configPath = Path.Combine(directory, CheckpointFiles.Config);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{configPath}: missing (a checkpoint needs config.json)", configPath);
        var weights = Path.Combine(directory, CheckpointFiles.Weights);
        if (!File.Exists(weights)) throw new FileNotFoundException($"{weights}: missing (a checkpoint needs model.safetensors)", weights);
        var config = GptConfig.FromJson(File.ReadAllText(configPath), configPath);
        var metadataPath = Path.Combine(directory, CheckpointFiles.Metadata);
        var metadata = File.Exists(metadataPath) ? CheckpointMetadata.FromJson(File.ReadAllText(metadataPath), metadataPath) : null;
        return new Checkpoint(directory, config, metadata);
    }

    /// <summary>Whether the weights include a head (e.g. "score." or "v_head.").</summary>
    public bool HasTensorsWithPrefix(string prefix)
    {
        using var file = SafetensorsFile.Open(WeightsPath);
        return file.Names.Any(n => (HuggingFaceNames.Normalize(n) ?? "").StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Whether this is a reward model: its weights carry a score head (ours, or transformers' GPT2ForSequenceClassification).</summary>
    public bool HasRewardHead() => HasTensorsWithPrefix(RewardHeadPrefix);

    private const string RewardHeadPrefix = "score.";

    /// <summary>
    /// Whether the checkpoint in <paramref name="directory"/> is a reward model, for listing and request checks: one
    /// whose files cannot be read counts as not, so that loading it is what reports the damage.
    /// </summary>
    public static bool IsReadableRewardModel(string directory)
    {
        try
        {
            return Open(directory).IsReadableRewardModel();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return false;
        }
    }

    /// <summary>The same check for a checkpoint already open (its weights' header may still be unreadable).</summary>
    public bool IsReadableRewardModel()
    {
        try
        {
            return HasRewardHead();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return false;
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is IOException or InvalidDataException or SafetensorsFormatException or UnauthorizedAccessException or System.Text.Json.JsonException;

    /// <param name="dropout">Overrides the config's dropout rates (e.g. SFT's residual dropout of 0.2, or 0 for PPO).</param>
    public GptLanguageModel LoadLanguageModel(ScalarType dtype = ScalarType.Float32, Device? device = null, double? dropout = null)
    {
        var model = new GptLanguageModel(WithDropout(dropout));
        return Load(model, dtype, device, ignoredPrefixes: ["score.", "v_head."]);
    }

    /// <summary>
    /// The reward model. When the checkpoint has no reward head (an SFT or base checkpoint, as the
    /// paper initialises the RM from SFT) the head is freshly initialised from <paramref name="generator"/>.
    /// </summary>
    public GptRewardModel LoadRewardModel(ScalarType dtype = ScalarType.Float32, Device? device = null, Generator? generator = null, double? dropout = null)
    {
        var model = new GptRewardModel(WithDropout(dropout), generator);
        var hasHead = HasRewardHead();
        return Load(model, dtype, device, ignoredPrefixes: ["v_head."], optionalPrefixes: hasHead ? [] : ["score."]);
    }

    /// <summary>
    /// A trained reward model, for scoring: unlike <see cref="LoadRewardModel"/> it refuses a checkpoint without a
    /// score head, where a fresh random head would score noise.
    /// </summary>
    public GptRewardModel LoadTrainedRewardModel(ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        if (!HasRewardHead())
            throw new InvalidDataException($"{Directory}: not a reward model (model.safetensors has no score.* head); give the rm checkpoint");
        return LoadRewardModel(dtype, device);
    }

    /// <summary>The value model; from an RM checkpoint its v_head starts as the RM's score head (value initialised from the RM).</summary>
    public GptValueModel LoadValueModel(ScalarType dtype = ScalarType.Float32, Device? device = null, Generator? generator = null, double? dropout = null)
    {
        var model = new GptValueModel(WithDropout(dropout), generator);
        if (HasTensorsWithPrefix("v_head."))
            return Load(model, dtype, device, ignoredPrefixes: ["score."]);
        if (HasTensorsWithPrefix("score."))
            return Load(model, dtype, device, renames: new Dictionary<string, string> { ["score.weight"] = "v_head.weight", ["score.bias"] = "v_head.bias" });
        return Load(model, dtype, device, optionalPrefixes: ["v_head."]);
    }

    private GptConfig WithDropout(double? dropout) =>
        dropout is { } p ? Config with { ResidPdrop = p, EmbdPdrop = p, AttnPdrop = p } : Config;

    /// <summary>
    /// Loads the weights into <paramref name="model"/>, checking every tensor's name, shape and dtype,
    /// and reporting all problems in one error. Floating tensors convert to <paramref name="dtype"/>.
    /// The model comes back in evaluation mode (dropout off), as Hugging Face's from_pretrained returns it:
    /// sampling or scoring with a loaded model is deterministic, and training turns dropout on itself.
    /// </summary>
    public T Load<T>(T model, ScalarType dtype = ScalarType.Float32, Device? device = null, string[]? ignoredPrefixes = null,
        string[]? optionalPrefixes = null, IReadOnlyDictionary<string, string>? renames = null) where T : nn.Module
    {
        var target = device ?? TorchRuntime.DefaultDevice;
        try
        {
            LoadInto(model, dtype, target, ignoredPrefixes ?? [], optionalPrefixes ?? [], renames);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private void LoadInto(nn.Module model, ScalarType dtype, Device device, string[] ignored, string[] optional, IReadOnlyDictionary<string, string>? renames)
    {
        using var file = SafetensorsFile.Open(WeightsPath);
        var expected = model.state_dict();
        var found = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var info in file.Infos)
        {
            var name = HuggingFaceNames.Normalize(info.Name);
            if (name is null) continue;
            if (renames is not null && renames.TryGetValue(name, out var renamed)) name = renamed;
            if (name == HuggingFaceNames.TiedLmHead)
            {
                var vocab = new long[] { Config.VocabSize, Config.NEmbd };
                if (!info.Shape.SequenceEqual(vocab))
                    problems.Add($"{info.Name}: shape [{string.Join(", ", info.Shape)}] does not match the tied embedding [{string.Join(", ", vocab)}]");
                continue;
            }
            if (ignored.Any(p => name.StartsWith(p, StringComparison.Ordinal))) continue;
            if (!expected.ContainsKey(name))
            {
                problems.Add($"{info.Name}: unexpected tensor");
                continue;
            }
            if (!found.TryAdd(name, info)) problems.Add($"{info.Name}: appears twice (with and without the 'transformer.' prefix)");
        }
        foreach (var (name, tensor) in expected)
        {
            if (!found.TryGetValue(name, out var info))
            {
                if (!optional.Any(p => name.StartsWith(p, StringComparison.Ordinal))) problems.Add($"{name}: missing");
                continue;
            }
            if (!info.Shape.SequenceEqual(tensor.shape))
                problems.Add($"{info.Name}: shape [{string.Join(", ", info.Shape)}], expected [{string.Join(", ", tensor.shape)}]");
            if (!torch.is_floating_point(info.DType))
                problems.Add($"{info.Name}: dtype {info.DType.Name()}, expected a floating type (F32, F16 or BF16)");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{WeightsPath}: {problems.Count} problem(s) loading {model.GetType().Name}:\n  " + string.Join("\n  ", problems));

        model.to(device, dtype);
        // Module.to replaces the parameters it moves or converts, so look them up again.
        var targets = model.state_dict();
        using var noGrad = torch.no_grad();
        foreach (var (name, info) in found)
        {
            using var scope = torch.NewDisposeScope();
            targets[name].copy_(file.Load(info.Name, dtype, device));
        }
    }
}
