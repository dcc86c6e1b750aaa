using System.Diagnostics;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Batching;
using InstructGpt.Training.Data;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Stages;

/// <summary>
/// Supervised fine-tuning: the loss covers completion tokens only. The kept weights are those with
/// the best validation RM score when a reward scorer is given (the paper's choice, §3.5: RM score kept
/// improving after validation loss overfit) and the lowest validation loss otherwise.
/// </summary>
public static class SftStage
{
    public const string Name = "sft";

    /// <param name="model">The model to fine-tune; build it with the SFT residual dropout (settings.ResidualDropout).</param>
    /// <param name="rewardScore">Optional: mean RM score of the model's greedy answers to validation prompts.</param>
    public static StageOutcome Run(GptLanguageModel model, ITokenizer tokenizer, IReadOnlyList<Demonstration> train, IReadOnlyList<Demonstration> valid,
        SftSettings settings, StageOptions options, Func<GptLanguageModel, double>? rewardScore = null)
    {
        if (train.Count < settings.BatchSize)
            throw new ArgumentException($"SFT needs at least one batch of {settings.BatchSize} demonstrations; got {train.Count}");
        var clock = Stopwatch.StartNew();
        var maxLength = Math.Min(settings.MaxLength, model.Config.NPositions);
        var trainBatches = new DemonstrationBatches(train, tokenizer, maxLength);
        var validBatches = new DemonstrationBatches(valid, tokenizer, maxLength);
        var stepsPerEpoch = train.Count / settings.BatchSize;
        var total = (long)stepsPerEpoch * settings.Epochs;

        model.to(options.Device);
        using var optimizer = OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay);
        var schedule = new CosineSchedule(settings.LearningRate, total, 0, settings.FinalLearningRateFraction);
        var loop = new OptimizationLoop(Name, model, optimizer, schedule, options)
        {
            GradientClip = settings.GradientClip,
            ValidateEvery = Math.Min(settings.ValidateEvery, Math.Max(1, stepsPerEpoch)),
            Validate = rewardScore is not null ? () => ("valid_rm_score", rewardScore(model))
                : validBatches.Count > 0 ? () => ("valid_loss", ValidationLoss(model, validBatches, settings.BatchSize, options.Device)) : null,
            HigherIsBetter = rewardScore is not null,
        };
        loop.Run(total, step =>
        {
            var indices = DataOrder.Batch(trainBatches.Count, settings.BatchSize, options.Seed, step);
            var (ids, labels) = trainBatches.Batch(indices, options.Device);
            return new StepResult(LanguageModelLoss.Compute(model.forward(ids), labels), trainBatches.CompletionTokens(indices));
        });

        loop.RestoreBest();
        model.eval();
        var metrics = new Dictionary<string, double>(loop.LastMetrics) { ["best_step"] = loop.BestStep };
        if (validBatches.Count > 0) metrics["valid_loss"] = ValidationLoss(model, validBatches, settings.BatchSize, options.Device);
        if (loop.BestValidation is { } best) metrics["best_validation"] = best;
        StageCheckpoint.Save(Name, "lm", model, model.Config, settings, options, total, clock.Elapsed.TotalSeconds, metrics);
        return new StageOutcome(Name, options.OutputDirectory, total, clock.Elapsed.TotalSeconds, metrics);
    }

    /// <summary>Mean completion-token loss over the validation demonstrations.</summary>
    public static double ValidationLoss(GptLanguageModel model, DemonstrationBatches batches, int batchSize, Device device)
    {
        using var noGrad = torch.no_grad();
        double total = 0;
        long tokens = 0;
        for (var start = 0; start < batches.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(batchSize, batches.Count - start)).ToArray();
            var (ids, labels) = batches.Batch(indices, device);
            var count = batches.CompletionTokens(indices);
            total += LanguageModelLoss.Compute(model.forward(ids), labels).ToDouble() * count;
            tokens += count;
        }
        return total / Math.Max(1, tokens);
    }
}
