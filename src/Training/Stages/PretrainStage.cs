using System.Diagnostics;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Batching;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Stages;

/// <summary>Pretraining: next-token prediction over packed documents, reporting validation perplexity.</summary>
public static class PretrainStage
{
    public const string Name = "pretrain";

    public static StageOutcome Run(GptLanguageModel model, ITokenizer tokenizer, IReadOnlyList<string> train, IReadOnlyList<string> valid,
        PretrainSettings settings, StageOptions options)
    {
        var clock = Stopwatch.StartNew();
        var blockSize = Math.Min(settings.BlockSize, model.Config.NPositions);
        var trainBlocks = new TokenBlocks(train, tokenizer, blockSize);
        var validBlocks = new TokenBlocks(valid, tokenizer, blockSize);
        if (trainBlocks.Count < settings.BatchSize)
            throw new ArgumentException($"the training text holds {trainBlocks.Count} blocks of {blockSize} tokens, fewer than one batch of {settings.BatchSize}");
        var stepsPerEpoch = trainBlocks.Count / settings.BatchSize;
        var total = (long)stepsPerEpoch * settings.Epochs;
        if (settings.MaxSteps is { } max) total = Math.Min(total, max);

        model.to(options.Device);
        using var optimizer = OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay);
        var schedule = new CosineSchedule(settings.LearningRate, total, settings.WarmupSteps, settings.FinalLearningRateFraction);
        var loop = new OptimizationLoop(Name, model, optimizer, schedule, options)
        {
            GradientClip = settings.GradientClip,
            ValidateEvery = settings.ValidateEvery,
            Validate = validBlocks.Count > 0 ? () => ("valid_perplexity", Perplexity(model, validBlocks, settings.BatchSize, options.Device)) : null,
        };
        loop.Run(total, step =>
        {
            var indices = DataOrder.Batch(trainBlocks.Count, settings.BatchSize, options.Seed, step);
            var ids = trainBlocks.Batch(indices, options.Device);
            var logits = model.forward(ids);
            return new StepResult(LanguageModelLoss.Compute(logits, ids), indices.Length * (long)blockSize);
        });

        var metrics = new Dictionary<string, double>(loop.LastMetrics) { ["train_tokens"] = trainBlocks.TokenCount };
        model.eval();
        if (validBlocks.Count > 0) metrics["valid_perplexity"] = Perplexity(model, validBlocks, settings.BatchSize, options.Device);
        StageCheckpoint.Save(Name, "lm", model, model.Config, settings, options, total, clock.Elapsed.TotalSeconds, metrics);
        return new StageOutcome(Name, options.OutputDirectory, total, clock.Elapsed.TotalSeconds, metrics);
    }

    /// <summary>exp(mean next-token loss) over the validation blocks.</summary>
    public static double Perplexity(GptLanguageModel model, TokenBlocks blocks, int batchSize, Device device)
    {
        using var noGrad = torch.no_grad();
        double total = 0;
        long count = 0;
        for (var start = 0; start < blocks.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, blocks.Count - start)).ToArray();
            var ids = blocks.Batch(indices, device);
            var loss = LanguageModelLoss.Compute(model.forward(ids), ids).ToDouble();
            total += loss * indices.Length;
            count += indices.Length;
        }
        return Math.Exp(total / Math.Max(1, count));
    }
}
