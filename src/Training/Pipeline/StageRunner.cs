using System.Security.Cryptography;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Serving;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// Runs one training stage against a home directory: resolves its datasets and starting checkpoint, reads and
/// validates all of them (<see cref="Prepare"/>, which the API calls before answering 202), then trains and publishes
/// the checkpoint atomically. The pipeline is these stages in order with every default left in place.
/// </summary>
public static class StageRunner
{
    /// <summary>Reads and validates every input; throws (ArgumentException, DatasetFormatException, InvalidDataException, IOException) before any training.</summary>
    public static StagePlan Prepare(StageRunOptions options)
    {
        if (!PipelineStages.Trainable.Contains(options.Stage))
            throw new ArgumentException($"stage: unknown stage '{options.Stage}'; expected one of {string.Join(", ", PipelineStages.Trainable)}");
        var layout = new PipelineLayout(options.Home);
        var stage = options.Stage;
        var outputName = options.OutputName ?? (stage == PipelineStages.Comparisons ? "comparisons" : PipelineStages.CheckpointOf(stage));
        CheckName(outputName, "output");

        var roles = StageDatasets.DefaultsOf(stage);
        foreach (var role in options.Datasets.Keys.Where(r => !roles.ContainsKey(r)))
            throw new ArgumentException($"datasets.{role}: the {stage} stage reads no such dataset; its roles are {string.Join(", ", roles.Keys)}");
        var files = roles.ToDictionary(r => r.Key, r => ResolveDataset(layout, r.Key, options.Datasets.GetValueOrDefault(r.Key) ?? r.Value, explicitly: options.Datasets.ContainsKey(r.Key)));

        var preset = options.Preset;

        var init = options.InitFrom ?? PipelineStages.DefaultInitOf(stage);
        var initDirectory = init is null ? null : ResolveCheckpoint(layout, init, "init_from");
        var rewardName = options.RewardModel ?? (stage is PipelineStages.Ppo or PipelineStages.PpoPtx ? "rm" : null);
        var rewardDirectory = rewardName is null ? null : ResolveCheckpoint(layout, rewardName, "reward_model");
        var tokenizer = LoadTokenizer(layout, initDirectory, stage, preset);
        var policyDirectories = new Dictionary<string, string>();
        if (stage == PipelineStages.Comparisons)
        {
            ComparisonPolicies.Validate(preset.Comparisons, init!);
            foreach (var name in preset.Comparisons.OtherPolicies.Keys)
            {
                var directory = ResolveCheckpoint(layout, name, $"comparisons.OtherPolicies.{name}");
                if (Path.GetFullPath(directory) == Path.GetFullPath(initDirectory!))
                    throw new ArgumentException($"comparisons.OtherPolicies.{name}: this is the sampling model (init_from) itself; leave it out of OtherPolicies (e.g. OtherPolicies={{}} to sample only {init})");
                policyDirectories[name] = directory;
            }
        }
        foreach (var directory in new[] { initDirectory, rewardDirectory }.Concat(policyDirectories.Values).OfType<string>())
        {
            var vocab = Checkpoint.Open(directory).Config.VocabSize;
            if (vocab != tokenizer.VocabSize)
                throw new InvalidDataException($"{directory}: the model's vocab_size is {vocab} but the tokenizer has {tokenizer.VocabSize} tokens");
        }

        return new StagePlan
        {
            Options = options,
            Layout = layout,
            Preset = preset,
            Tokenizer = tokenizer,
            InitDirectory = initDirectory,
            RewardDirectory = rewardDirectory,
            PolicyDirectories = policyDirectories,
            OutputName = outputName,
            Datasets = StageData.Read(stage, files, preset),
        };
    }

    public static StageOutcome Run(StageRunOptions options) => Run(Prepare(options));

    public static StageOutcome Run(StagePlan plan)
    {
        var options = plan.Options;
        var preset = plan.Preset;
        var data = plan.Datasets;
        var tokenizer = plan.Tokenizer;
        void Log(string message) => options.Log?.Invoke(options.Stage, message);
        StageOptions For(string stage, object settings)
        {
            var runDirectory = plan.Layout.Run(plan.OutputName == PipelineStages.CheckpointOf(stage) ? stage : plan.OutputName);
            var dataHashes = data.Files.ToDictionary(f => Path.GetFileName(f.Value), f => Sha256(f.Value));
            var checkpoints = new Dictionary<string, string>();
            if (plan.InitDirectory is not null) checkpoints["init"] = CheckpointIdentity(plan.InitDirectory);
            if (plan.RewardDirectory is not null) checkpoints["reward"] = CheckpointIdentity(plan.RewardDirectory);
            var inputs = RunInputs.Fingerprint(stage, settings, options.Seed, dataHashes, checkpoints);
            // The saved state belongs to an unfinished run only while the stage has not published its checkpoint, and
            // only while the stage is run with the inputs that run started with.
            var resume = options.Resume && !plan.Layout.IsDone(plan.OutputName);
            if (resume && TrainingState.TryLoad(runDirectory) is { Inputs: { } saved } state && saved != inputs)
            {
                Log($"{runDirectory}: the saved state (step {state.Step}) was made with other settings, data or starting checkpoints; starting over");
                resume = false;
            }
            return new()
            {
                OutputDirectory = plan.Layout.Checkpoint(plan.OutputName),
                RunDirectory = runDirectory,
                Seed = options.Seed,
                Device = options.Device,
                CheckpointEvery = options.CheckpointEvery,
                Resume = resume,
                Inputs = inputs,
                Progress = options.Progress,
                Cancellation = options.Cancellation,
                Parent = plan.InitDirectory,
                DataHashes = dataHashes,
                WriteTokenizer = tokenizer.Save,
            };
        }

        switch (options.Stage)
        {
            case PipelineStages.Pretrain:
            {
                Log(plan.InitDirectory is null ? "pretraining a new base model" : $"continuing pretraining from {plan.InitDirectory}");
                using var generator = new torch.Generator(options.Seed);
                var config = preset.Model with { VocabSize = tokenizer.VocabSize, EosTokenId = tokenizer.EndOfTextId, BosTokenId = tokenizer.EndOfTextId };
                using var model = plan.InitDirectory is null ? new GptLanguageModel(config, generator)
                    : Checkpoint.Open(plan.InitDirectory).LoadLanguageModel(ScalarType.Float32, options.Device);
                return PretrainStage.Run(model, tokenizer, data.Texts(StageDatasets.Train), data.Texts(StageDatasets.Valid), preset.Pretrain, For(PipelineStages.Pretrain, new { preset.Pretrain, preset.Model }));
            }
            case PipelineStages.Sft:
            {
                Log($"supervised fine-tuning from {plan.InitDirectory}");
                var checkpoint = Checkpoint.Open(plan.InitDirectory!);
                using var model = checkpoint.Load(new GptLanguageModel(checkpoint.Config with { ResidPdrop = preset.Sft.ResidualDropout }), ScalarType.Float32, options.Device);
                using var reward = plan.RewardDirectory is null ? null : Checkpoint.Open(plan.RewardDirectory).LoadRewardModel(ScalarType.Float32, options.Device, dropout: 0);
                var scorer = reward is null ? null : SftRewardScore.For(reward, tokenizer, data.Demonstrations(StageDatasets.Valid), preset.Sft, options.Device);
                return SftStage.Run(model, tokenizer, data.Demonstrations(StageDatasets.Train), data.Demonstrations(StageDatasets.Valid), preset.Sft, For(PipelineStages.Sft, preset.Sft), scorer);
            }
            case PipelineStages.Comparisons:
            {
                var samplingModel = options.InitFrom ?? PipelineStages.DefaultInitOf(PipelineStages.Comparisons)!;
                var others = plan.PolicyDirectories.Count == 0 ? "" : $" and {string.Join(", ", plan.PolicyDirectories.Keys)}";
                Log($"sampling K outputs per RM prompt from {plan.InitDirectory}{others} and ranking them with the simulated labeler");
                var models = new Dictionary<string, GptLanguageModel>();
                try
                {
                    models[samplingModel] = Checkpoint.Open(plan.InitDirectory!).LoadLanguageModel(ScalarType.Float32, options.Device);
                    foreach (var (name, directory) in plan.PolicyDirectories)
                        models[name] = Checkpoint.Open(directory).LoadLanguageModel(ScalarType.Float32, options.Device);
                    var labelerOptions = new SimulatedLabelerOptions { Seed = (long)options.Seed };
                    var labeler = new SimulatedLabeler(labelerOptions);
                    var trainPrompts = data.Demonstrations(StageDatasets.Train);
                    var validPrompts = data.Demonstrations(StageDatasets.Valid);
                    var train = ComparisonStage.Run(models, samplingModel, tokenizer, trainPrompts, labeler, preset.Comparisons,
                        plan.Layout.DataFile(plan.OutputName + ".train.jsonl"), options.Seed, options.Progress, options.Cancellation);
                    // Validation needs enough prompts for a stable accuracy but not the whole split.
                    var trainCount = Math.Min(trainPrompts.Count, preset.Comparisons.MaxPrompts ?? int.MaxValue);
                    var validSettings = preset.Comparisons with { MaxPrompts = Math.Min(validPrompts.Count, Math.Max(32, trainCount / 4)) };
                    var valid = ComparisonStage.Run(models, samplingModel, tokenizer, validPrompts, labeler, validSettings,
                        plan.Layout.DataFile(plan.OutputName + ".valid.jsonl"), options.Seed + 1, options.Progress, options.Cancellation);
                    var metrics = new Dictionary<string, double>(train.Metrics)
                    {
                        ["valid_comparisons"] = valid.Metrics["comparisons"],
                        ["valid_rubric_agreement"] = valid.Metrics["rubric_agreement"],
                        ["valid_rubric_agreement_samples"] = valid.Metrics["rubric_agreement_samples"],
                        ["valid_rubric_agreement_within_policy"] = valid.Metrics["rubric_agreement_within_policy"],
                    };
                    var hashes = data.Files.ToDictionary(f => Path.GetFileName(f.Value), f => Sha256(f.Value));
                    foreach (var output in new[] { train.CheckpointDirectory, valid.CheckpointDirectory }) hashes[Path.GetFileName(output)] = Sha256(output);
                    ComparisonRecord.Write(ComparisonRecord.PathFor(plan.Layout.Data, plan.OutputName), plan.InitDirectory!, plan.PolicyDirectories, labelerOptions,
                        preset.Comparisons, options.Seed, hashes, metrics, train.Seconds + valid.Seconds);
                    return train with { Metrics = metrics, Seconds = train.Seconds + valid.Seconds };
                }
                finally
                {
                    foreach (var model in models.Values) model.Dispose();
                }
            }
            case PipelineStages.RewardModel:
            {
                Log($"training the reward model from {plan.InitDirectory}");
                using var generator = new torch.Generator(options.Seed + 2);
                using var rm = Checkpoint.Open(plan.InitDirectory!).LoadRewardModel(ScalarType.Float32, options.Device, generator, dropout: preset.RewardModel.Dropout);
                return RewardModelStage.Run(rm, tokenizer, data.Comparisons(StageDatasets.Train), data.Comparisons(StageDatasets.Valid),
                    data.Demonstrations(StageDatasets.Demonstrations), preset.RewardModel, For(PipelineStages.RewardModel, preset.RewardModel));
            }
            default:
            {
                var stage = options.Stage;
                var settings = stage == PipelineStages.PpoPtx ? preset.PpoPtx : preset.Ppo;
                Log($"{stage} from {plan.InitDirectory} (policy, reference) and {plan.RewardDirectory} (value, reward)");
                var policy = Checkpoint.Open(plan.InitDirectory!);
                var reward = Checkpoint.Open(plan.RewardDirectory!);
                using var models = new PpoModels(policy.LoadLanguageModel(dropout: 0), reward.LoadValueModel(dropout: 0), policy.LoadLanguageModel(dropout: 0), reward.LoadRewardModel(dropout: 0));
                var outcome = PpoStage.Run(stage, models, tokenizer, data.Prompts(StageDatasets.Prompts), data.TextsOrEmpty(StageDatasets.Pretraining), settings, For(stage, settings));
                return outcome;
            }
        }
    }

    /// <summary>
    /// A stage's output name: inside the home (no separators, no ".."), by the server's rule (CheckpointCatalog), so that
    /// every checkpoint a stage publishes can be served by name.
    /// </summary>
    internal static void CheckName(string name, string field)
    {
        if (!CheckpointCatalog.IsValidName(name, out var problem))
            throw new ArgumentException($"{field}: {problem.Replace("the model name", "the checkpoint name")}");
    }

    /// <summary>A checkpoint is a name under checkpoints/ or a checkpoint directory (e.g. a Hugging Face GPT-2 one).</summary>
    private static string ResolveCheckpoint(PipelineLayout layout, string nameOrPath, string field)
    {
        static bool IsCheckpoint(string directory) => File.Exists(Path.Combine(directory, CheckpointFiles.Config));
        if (IsName(nameOrPath) && IsCheckpoint(layout.Checkpoint(nameOrPath))) return layout.Checkpoint(nameOrPath);
        if (IsCheckpoint(nameOrPath)) return nameOrPath;
        var existing = Directory.Exists(layout.Checkpoints)
            ? Directory.GetDirectories(layout.Checkpoints).Select(d => Path.GetFileName(d)!).Where(n => !n.StartsWith('.') && IsCheckpoint(layout.Checkpoint(n))).Order().ToList()
            : [];
        throw new DirectoryNotFoundException($"{field}: no checkpoint '{nameOrPath}' (neither a name in {layout.Checkpoints}, which has {string.Join(", ", existing.DefaultIfEmpty("none"))}, nor a directory with config.json); train it first or give a checkpoint directory");
    }

    /// <summary>A dataset is a name under data/ (the world) or datasets/ (uploads), with or without .jsonl, or a file path.</summary>
    private static string? ResolveDataset(PipelineLayout layout, string role, string nameOrPath, bool explicitly)
    {
        var candidates = IsName(nameOrPath)
            ? new[] { layout.Data, Path.Combine(layout.Home, "datasets") }.SelectMany(d => new[] { Path.Combine(d, nameOrPath + ".jsonl"), Path.Combine(d, nameOrPath) })
            : [];
        var found = candidates.Append(nameOrPath).FirstOrDefault(File.Exists);
        if (found is not null || !explicitly) return found;
        throw new FileNotFoundException($"datasets.{role}: no dataset '{nameOrPath}' (neither a name in {layout.Data} or {Path.Combine(layout.Home, "datasets")} nor a file)");
    }

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 64 && value is not "." and not ".." && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static BpeTokenizer LoadTokenizer(PipelineLayout layout, string? initDirectory, string stage, TrainingPreset preset)
    {
        // A model keeps the tokenizer it was trained with: the init checkpoint's own files come first.
        if (initDirectory is not null && File.Exists(Path.Combine(initDirectory, CheckpointFiles.Vocabulary))) return BpeTokenizer.Load(initDirectory);
        if (File.Exists(Path.Combine(layout.Tokenizer, CheckpointFiles.Vocabulary))) return BpeTokenizer.Load(layout.Tokenizer);
        throw new FileNotFoundException(stage == PipelineStages.Pretrain && preset.TokenizerVocabulary is not null
            ? $"{layout.Tokenizer}: no tokenizer (vocab.json, merges.txt); run `instructgpt pipeline --stages data` (it builds the world and trains one) or give init_from a checkpoint with one"
            : $"no tokenizer in {initDirectory ?? "the init checkpoint"} or {layout.Tokenizer}");
    }

    /// <summary>
    /// Which files a starting checkpoint holds (<see cref="CheckpointVersion"/>: its weights' and config's write times and
    /// size); a checkpoint published again, or replaced, is another input.
    /// </summary>
    private static string CheckpointIdentity(string directory) =>
        CheckpointVersion.Read(directory) is { } version
            ? $"{version.WeightsWritten.Ticks}:{version.WeightsLength}:{version.ConfigWritten.Ticks}"
            : "-";

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
