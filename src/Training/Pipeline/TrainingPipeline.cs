using System.Diagnostics;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Data;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Stages;
using InstructGpt.Training.World;
using TorchSharp;
using static TorchSharp.torch;

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
        var preset = options.InitFrom is null ? options.Preset : WithBaseAt(options.Preset, options.InitFrom);
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
        if (options.InitFrom is not null) Checkpoint.Open(options.InitFrom); // fail before training if it is missing or unreadable

        // Each stage publishes the checkpoint the next one starts from; a stage whose output exists is skipped.
        var steps = new (string Stage, string Done, string? InitFrom)[]
        {
            (PipelineStages.Pretrain, "base", null),
            (PipelineStages.Sft, "sft", options.InitFrom ?? "base"),
            (PipelineStages.Comparisons, "comparisons", null),
            (PipelineStages.RewardModel, "rm", null),
            (PipelineStages.Ppo, PipelineStages.Ppo, null),
            (PipelineStages.PpoPtx, PipelineStages.PpoPtx, null),
        };
        foreach (var (stage, done, initFrom) in steps)
        {
            if (!Want(stage) || (stage == PipelineStages.Pretrain && options.InitFrom is not null)) continue;
            var finished = stage == PipelineStages.Comparisons ? File.Exists(layout.ComparisonsTrain) && File.Exists(layout.ComparisonsValid) : layout.IsDone(done);
            if (finished) continue;
            outcomes.Add(StageRunner.Run(new StageRunOptions
            {
                Stage = stage,
                Home = options.OutputDirectory,
                Preset = preset,
                InitFrom = initFrom,
                Seed = options.Seed,
                Device = options.Device,
                CheckpointEvery = options.CheckpointEvery,
                Progress = options.Progress,
                Log = options.Log,
                Cancellation = options.Cancellation,
            }));
        }
        return outcomes;
    }

    /// <summary>Started from an existing checkpoint, the pipeline has no base of its own: that checkpoint is the base policy the comparisons sample.</summary>
    private static TrainingPreset WithBaseAt(TrainingPreset preset, string initFrom)
    {
        var others = preset.Comparisons.OtherPolicies;
        if (!others.TryGetValue(ComparisonSettings.PipelineBase, out var share)) return preset;
        var moved = others.Where(o => o.Key != ComparisonSettings.PipelineBase).ToDictionary(o => o.Key, o => o.Value);
        moved[initFrom] = share;
        return preset with { Comparisons = preset.Comparisons with { OtherPolicies = moved } };
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
}
