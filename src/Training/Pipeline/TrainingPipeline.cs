using System.Diagnostics;
using System.Security.Cryptography;
using InstructGpt.Evaluation.Labeling;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Torch;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// The whole recipe: build the world, train a tokenizer, pretrain the base model, SFT, collect
/// comparisons, train the RM, then PPO and PPO-ptx. Each stage publishes a checkpoint atomically and
/// is skipped when its checkpoint exists; a stage cut short resumes from its saved state. Every input
/// is read and validated before the first stage that needs training starts.
/// </summary>
public static class TrainingPipeline
{
    public static IReadOnlyList<StageOutcome> Run(PipelineOptions options)
    {
        var layout = new PipelineLayout(options.OutputDirectory);
        var preset = options.Preset;
        var outcomes = new List<StageOutcome>();
        bool Want(string stage) => options.Stages is null || options.Stages.Contains(stage);
        void Log(string stage, string message) => options.Log?.Invoke(stage, message);

        // World and tokenizer.
        if (!File.Exists(Path.Combine(layout.Data, WorldManifest.FileName)))
        {
            Log(PipelineStages.Data, $"building the {preset.World} world (seed {options.Seed}) in {layout.Data}");
            WorldBuilder.Build(new WorldBuildOptions { Seed = (long)options.Seed, Size = preset.World, OutputDirectory = layout.Data });
        }
        var data = PipelineData.Load(layout);
        options.Cancellation.ThrowIfCancellationRequested();
        var tokenizer = LoadOrTrainTokenizer(options, layout, data, Log);
        var config = preset.Model with { VocabSize = tokenizer.VocabSize, EosTokenId = tokenizer.EndOfTextId, BosTokenId = tokenizer.EndOfTextId };
        var baseCheckpoint = options.InitFrom ?? layout.Checkpoint("base");
        if (options.InitFrom is not null)
        {
            // Fail before training if the starting checkpoint is missing or does not fit its tokenizer.
            var init = Checkpoint.Open(options.InitFrom);
            if (init.Config.VocabSize != tokenizer.VocabSize)
                throw new InvalidDataException($"{options.InitFrom}: the model's vocab_size is {init.Config.VocabSize} but its tokenizer has {tokenizer.VocabSize} tokens");
            config = init.Config;
        }

        StageOptions StageOptionsFor(string stage, string? parent, params string[] dataFiles) => new()
        {
            OutputDirectory = layout.Checkpoint(PipelineStages.CheckpointOf(stage)),
            RunDirectory = layout.Run(stage),
            Seed = options.Seed,
            Device = options.Device,
            CheckpointEvery = options.CheckpointEvery,
            Progress = options.Progress,
            Cancellation = options.Cancellation,
            Parent = parent,
            DataHashes = dataFiles.ToDictionary(f => Path.GetFileName(f), Sha256),
            WriteTokenizer = tokenizer.Save,
        };

        if (options.InitFrom is null && Want(PipelineStages.Pretrain) && !layout.IsDone("base"))
        {
            Log(PipelineStages.Pretrain, "pretraining the base model");
            using var generator = new InstructGpt.Torch.Generator(options.Seed);
            using var model = new GptLanguageModel(config, generator);
            outcomes.Add(PretrainStage.Run(model, tokenizer, data.PretrainTrain, data.PretrainValid, preset.Pretrain,
                StageOptionsFor(PipelineStages.Pretrain, null, data.Files["pretrain.train"], data.Files["pretrain.valid"])));
        }

        if (Want(PipelineStages.Sft) && !layout.IsDone("sft"))
        {
            Log(PipelineStages.Sft, $"supervised fine-tuning from {baseCheckpoint}");
            var checkpoint = Checkpoint.Open(baseCheckpoint);
            using var model = checkpoint.Load(new GptLanguageModel(checkpoint.Config with { ResidPdrop = preset.Sft.ResidualDropout }), DType.Float32, options.Device);
            outcomes.Add(SftStage.Run(model, tokenizer, data.SftTrain, data.SftValid, preset.Sft,
                StageOptionsFor(PipelineStages.Sft, baseCheckpoint, data.Files["sft.train"], data.Files["sft.valid"])));
        }

        var sftCheckpoint = layout.Checkpoint("sft");
        if (Want(PipelineStages.Comparisons) && !(File.Exists(layout.ComparisonsTrain) && File.Exists(layout.ComparisonsValid)))
        {
            Log(PipelineStages.Comparisons, "sampling K outputs per RM prompt from the SFT model and ranking them with the simulated labeler");
            using var sft = Checkpoint.Open(sftCheckpoint).LoadLanguageModel(DType.Float32, options.Device);
            var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = (long)options.Seed });
            var train = ComparisonStage.Run(sft, tokenizer, data.RmTrain, labeler, preset.Comparisons, layout.ComparisonsTrain, options.Seed, options.Progress, options.Cancellation);
            var valid = ComparisonStage.Run(sft, tokenizer, data.RmValid, labeler, preset.Comparisons with { MaxPrompts = Math.Min(data.RmValid.Count, Math.Max(32, data.RmTrain.Count / 4)) },
                layout.ComparisonsValid, options.Seed + 1, options.Progress, options.Cancellation);
            outcomes.Add(train);
            outcomes.Add(valid with { Stage = "comparisons-valid" });
        }

        if (Want(PipelineStages.RewardModel) && !layout.IsDone("rm"))
        {
            Log(PipelineStages.RewardModel, "training the reward model from SFT");
            var train = ComparisonDataset.Read(layout.ComparisonsTrain);
            var valid = ComparisonDataset.Read(layout.ComparisonsValid);
            using var generator = new InstructGpt.Torch.Generator(options.Seed + 2);
            using var rm = Checkpoint.Open(sftCheckpoint).LoadRewardModel(DType.Float32, options.Device, generator);
            outcomes.Add(RewardModelStage.Run(rm, tokenizer, train, valid, data.RmTrain, preset.RewardModel,
                StageOptionsFor(PipelineStages.RewardModel, sftCheckpoint, layout.ComparisonsTrain, layout.ComparisonsValid, data.Files["rm.train.demonstrations"])));
        }

        foreach (var (stage, settings) in new[] { (PipelineStages.Ppo, preset.Ppo), (PipelineStages.PpoPtx, preset.PpoPtx) })
        {
            if (!Want(stage) || layout.IsDone(stage)) continue;
            Log(stage, $"{stage} from SFT (policy, reference) and the RM (value, reward)");
            var sft = Checkpoint.Open(sftCheckpoint);
            var rm = Checkpoint.Open(layout.Checkpoint("rm"));
            using var models = new PpoModels(sft.LoadLanguageModel(dropout: 0), rm.LoadValueModel(dropout: 0), sft.LoadLanguageModel(dropout: 0), rm.LoadRewardModel(dropout: 0));
            outcomes.Add(PpoStage.Run(stage, models, tokenizer, data.PpoPrompts, data.PretrainTrain, settings,
                StageOptionsFor(stage, sftCheckpoint, data.Files["ppo.train"], data.Files["pretrain.train"])));
        }
        return outcomes;
    }

    private static BpeTokenizer LoadOrTrainTokenizer(PipelineOptions options, PipelineLayout layout, PipelineData data, Action<string, string> log)
    {
        if (options.InitFrom is not null) return BpeTokenizer.Load(options.InitFrom);
        if (File.Exists(Path.Combine(layout.Tokenizer, CheckpointFiles.Vocabulary))) return BpeTokenizer.Load(layout.Tokenizer);
        var size = options.Preset.TokenizerVocabulary ?? throw new ArgumentException($"preset {options.Preset.Name} trains no tokenizer; give --init-from");
        log(PipelineStages.Tokenizer, $"training a {size}-token byte-level BPE vocabulary on the pretraining text");
        var clock = Stopwatch.StartNew();
        var tokenizer = BpeTokenizer.Train(data.PretrainTrain, size);
        tokenizer.Save(layout.Tokenizer);
        log(PipelineStages.Tokenizer, $"tokenizer trained in {clock.Elapsed.TotalSeconds:F1} s");
        return tokenizer;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
