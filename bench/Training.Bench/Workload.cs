using InstructGpt.Inference.Model;
using InstructGpt.Training.Batching;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Bench;

/// <summary>One batch of a workload: ids [B, T], labels [B, T] (IgnoreIndex where not trained) and the number of trained tokens.</summary>
internal sealed record TrainingBatch(Tensor Ids, Tensor Labels, long TrainedTokens);

/// <summary>
/// A measured training workload with the tiny preset's settings (<see cref="TrainingPresets.Tiny"/>), built the way
/// StageRunner, PretrainStage and SftStage build it: the model, OptimizerFactory's AdamW, the stage's cosine schedule
/// and gradient clip, the real world's data through TokenBlocks or DemonstrationBatches in DataOrder's order, and the
/// stage's step function (forward and LanguageModelLoss). Only the weights differ: a seeded random init instead of a
/// trained checkpoint, which changes no shape and so no work.
/// </summary>
internal sealed class Workload(string name, GptLanguageModel model, AdamW optimizer, CosineSchedule schedule, double gradientClip, int batchSize,
    int exampleCount, Func<IReadOnlyList<int>, TrainingBatch> batchOf, ulong seed) : IDisposable
{
    public const string Pretrain = "pretrain";
    public const string Sft = "sft";
    public static readonly string[] Names = [Pretrain, Sft];

    public string Name { get; } = name;
    public GptLanguageModel Model { get; } = model;
    public AdamW Optimizer { get; } = optimizer;
    public CosineSchedule Schedule { get; } = schedule;
    public double GradientClip { get; } = gradientClip;
    public int BatchSize { get; } = batchSize;
    public ulong Seed { get; } = seed;
    /// <summary>The learning rate the reference step uses: the preset's peak.</summary>
    public double PeakLearningRate => Schedule.Peak;
    public double WeightDecay { get; private init; }

    public static Workload Create(string name, BenchHome home, ulong seed) => name switch
    {
        Pretrain => CreatePretrain(home, seed),
        Sft => CreateSft(home, seed),
        _ => throw new ArgumentException($"unknown workload '{name}'; expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>PretrainStage with the tiny preset: batch 16 × block 128 of packed pretraining text, AdamW lr 1e-3, weight decay 0.1, dropout 0.1.</summary>
    private static Workload CreatePretrain(BenchHome home, ulong seed)
    {
        var preset = TrainingPresets.Tiny;
        var settings = preset.Pretrain;
        var tokenizer = home.LoadTokenizer();
        var config = preset.Model with { VocabSize = tokenizer.VocabSize, EosTokenId = tokenizer.EndOfTextId, BosTokenId = tokenizer.EndOfTextId };
        var blockSize = Math.Min(settings.BlockSize, config.NPositions);
        var blocks = new TokenBlocks(home.LoadData().PretrainTrain, tokenizer, blockSize);
        var total = (long)(blocks.Count / settings.BatchSize) * settings.Epochs;
        var model = NewModel(config, seed);
        return new Workload(Pretrain, model, OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay),
            new CosineSchedule(settings.LearningRate, total, settings.WarmupSteps, settings.FinalLearningRateFraction), settings.GradientClip,
            settings.BatchSize, blocks.Count, Batch, seed)
        { WeightDecay = settings.WeightDecay };

        TrainingBatch Batch(IReadOnlyList<int> indices)
        {
            var ids = blocks.Batch(indices, torch.CPU);
            return new TrainingBatch(ids, ids, indices.Count * (long)blockSize);
        }
    }

    /// <summary>
    /// SftStage with the tiny preset: batch 16 of the world's SFT demonstrations, right-padded to the batch's longest
    /// (at most 192 tokens), loss on completion tokens only, AdamW lr 3e-4, no weight decay, residual dropout 0.2.
    /// </summary>
    private static Workload CreateSft(BenchHome home, ulong seed)
    {
        var preset = TrainingPresets.Tiny;
        var settings = preset.Sft;
        var tokenizer = home.LoadTokenizer();
        // StageRunner loads the base checkpoint with the SFT residual dropout; the base has the preset's shape.
        var config = preset.Model with
        {
            VocabSize = tokenizer.VocabSize,
            EosTokenId = tokenizer.EndOfTextId,
            BosTokenId = tokenizer.EndOfTextId,
            ResidPdrop = settings.ResidualDropout,
        };
        var demonstrations = home.LoadData().SftTrain;
        var batches = new DemonstrationBatches(demonstrations, tokenizer, Math.Min(settings.MaxLength, config.NPositions));
        var total = (long)(demonstrations.Count / settings.BatchSize) * settings.Epochs;
        var model = NewModel(config, seed);
        return new Workload(Sft, model, OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay),
            new CosineSchedule(settings.LearningRate, total, 0, settings.FinalLearningRateFraction), settings.GradientClip,
            settings.BatchSize, batches.Count, Batch, seed)
        { WeightDecay = settings.WeightDecay };

        TrainingBatch Batch(IReadOnlyList<int> indices)
        {
            var (ids, labels) = batches.Batch(indices, torch.CPU);
            return new TrainingBatch(ids, labels, batches.CompletionTokens(indices));
        }
    }

    private static GptLanguageModel NewModel(GptConfig config, ulong seed)
    {
        using var generator = new Generator(seed);
        return new GptLanguageModel(config, generator);
    }

    /// <summary>The batch the stage trains on at <paramref name="step"/> (DataOrder with this workload's seed).</summary>
    public TrainingBatch Batch(long step) => batchOf(DataOrder.Batch(exampleCount, BatchSize, Seed, step));

    /// <summary>The stage's step function: the batch, the forward pass and the loss; <paramref name="positions"/> is B × T.</summary>
    public StepResult Step(long step, out long positions)
    {
        var batch = Batch(step);
        positions = batch.Ids.numel();
        return new StepResult(LanguageModelLoss.Compute(Model.forward(batch.Ids), batch.Labels), batch.TrainedTokens);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        Model.Dispose();
    }
}
