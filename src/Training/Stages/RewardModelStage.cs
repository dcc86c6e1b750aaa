using System.Diagnostics;
using InstructGpt.Inference.Engine;
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
/// Trains the reward model on ranked comparisons: each prompt's K outputs are forwarded once and all
/// their pairs enter the loss together (§3.5). Afterwards the head's bias is shifted so that labeler
/// demonstrations score 0 on average, and pairwise accuracy is measured on validation comparisons.
/// </summary>
public static class RewardModelStage
{
    public const string Name = "rm";

    public static StageOutcome Run(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<Comparison> train, IReadOnlyList<Comparison> valid,
        IReadOnlyList<Demonstration> demonstrations, RewardModelSettings settings, StageOptions options)
    {
        if (train.Count < settings.BatchPrompts)
            throw new ArgumentException($"RM training needs at least one batch of {settings.BatchPrompts} comparisons; got {train.Count}");
        var clock = Stopwatch.StartNew();
        var maxLength = Math.Min(settings.MaxLength, model.Config.NPositions);
        var stepsPerEpoch = train.Count / settings.BatchPrompts;
        var total = (long)stepsPerEpoch * settings.Epochs;

        model.to(options.Device);
        using var optimizer = OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay);
        var schedule = new CosineSchedule(settings.LearningRate, total, settings.WarmupSteps, settings.FinalLearningRateFraction);
        var loop = new OptimizationLoop(Name, model, optimizer, schedule, options)
        {
            GradientClip = settings.GradientClip,
            ValidateEvery = settings.ValidateEvery,
            Validate = valid.Count > 0 ? () => ("valid_accuracy", Accuracy(model, tokenizer, valid, maxLength, settings.BatchPrompts, options.Device)) : null,
            HigherIsBetter = true,
        };
        loop.Run(total, step =>
        {
            var indices = DataOrder.Batch(train.Count, settings.BatchPrompts, options.Seed, step);
            var batch = indices.Select(i => train[i]).ToList();
            var (losses, correct, pairs, tokens) = Forward(model, tokenizer, batch, maxLength, options.Device);
            return new StepResult(losses, tokens, new Dictionary<string, double> { ["accuracy"] = pairs == 0 ? 0 : (double)correct / pairs });
        });

        model.eval();
        var bias = NormalizeOnDemonstrations(model, tokenizer, demonstrations, maxLength, settings.BatchPrompts, options.Device);
        var metrics = new Dictionary<string, double>(loop.LastMetrics) { ["bias_shift"] = -bias };
        if (valid.Count > 0) metrics["valid_accuracy"] = Accuracy(model, tokenizer, valid, maxLength, settings.BatchPrompts, options.Device);
        // With candidates from several writers, two harder figures: between two model samples (no demonstration), and
        // between two samples of one policy — the outputs PPO's policy chooses among.
        if (valid.Any(c => c.Policies is not null))
        {
            static bool Sampled(string policy) => policy != ComparisonPolicies.Demonstration;
            var accuracies = PolicyPairAccuracies(model, tokenizer, valid, [(a, b) => Sampled(a) && Sampled(b), (a, b) => Sampled(a) && a == b],
                maxLength, settings.BatchPrompts, options.Device);
            metrics["valid_accuracy_samples"] = accuracies[0];
            metrics["valid_accuracy_within_policy"] = accuracies[1];
        }
        StageCheckpoint.Save(Name, "reward", model, model.Config, settings, options, total, clock.Elapsed.TotalSeconds, metrics);
        return new StageOutcome(Name, options.OutputDirectory, total, clock.Elapsed.TotalSeconds, metrics);
    }

    /// <summary>Loss (mean over prompts of Eq. 1) for a batch of comparisons, with the batch's pairwise accuracy.</summary>
    private static (Tensor loss, int correct, int pairs, long tokens) Forward(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<Comparison> batch, int maxLength, Device device)
    {
        var sequences = batch.SelectMany(c => c.Completions.Select(o => SequenceBatch.Encode(tokenizer, c.Prompt, o, maxLength))).ToList();
        var (ids, mask) = SequenceBatch.RightPadded(sequences, tokenizer.EndOfTextId, device);
        var rewards = model.forward(ids, mask);
        var values = rewards.detach().to(ScalarType.Float64).ToHostArray<double>();
        var losses = new List<Tensor>();
        int correct = 0, pairs = 0, offset = 0;
        foreach (var comparison in batch)
        {
            var k = comparison.Completions.Count;
            var (loss, n) = RewardModelLoss.Pairwise(rewards.narrow(0, offset, k), comparison.EffectiveRanks);
            if (n > 0) losses.Add(loss);
            var (c, p) = RewardModelLoss.Accuracy(values[offset..(offset + k)], comparison.EffectiveRanks);
            correct += c;
            pairs += p;
            offset += k;
        }
        var total = losses.Count > 0 ? torch.stack(losses).mean() : rewards.sum() * 0;
        return (total, correct, pairs, sequences.Sum(s => (long)s.Length));
    }

    /// <summary>Fraction of validation pairs the RM orders like the labeler.</summary>
    public static double Accuracy(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<Comparison> comparisons, int maxLength, int batchPrompts, Device device)
    {
        using var noGrad = torch.no_grad();
        int correct = 0, pairs = 0;
        for (var start = 0; start < comparisons.Count; start += batchPrompts)
        {
            using var scope = torch.NewDisposeScope();
            var batch = comparisons.Skip(start).Take(batchPrompts).ToList();
            var (_, c, p, _) = Forward(model, tokenizer, batch, maxLength, device);
            correct += c;
            pairs += p;
        }
        return pairs == 0 ? double.NaN : (double)correct / pairs;
    }

    /// <summary>
    /// For each filter, the fraction of the validation pairs it chooses by their two completions' policies that the RM
    /// orders like the labeler (records without policies count no pairs). Every completion is scored once for all filters.
    /// </summary>
    public static double[] PolicyPairAccuracies(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<Comparison> comparisons,
        IReadOnlyList<Func<string, string, bool>> filters, int maxLength, int batchSize, Device device)
    {
        var rewards = Score(model, tokenizer, comparisons.SelectMany(c => c.Completions.Select(o => (c.Prompt, o))).ToList(), maxLength, batchSize, device);
        return filters.Select(include =>
        {
            int correct = 0, pairs = 0, offset = 0;
            foreach (var comparison in comparisons)
            {
                var k = comparison.Completions.Count;
                var policies = comparison.Policies;
                var (c, p) = RewardModelLoss.Accuracy(rewards[offset..(offset + k)], comparison.EffectiveRanks, (i, j) => policies is not null && include(policies[i], policies[j]));
                correct += c;
                pairs += p;
                offset += k;
            }
            return pairs == 0 ? double.NaN : (double)correct / pairs;
        }).ToArray();
    }

    /// <summary>Shifts the head's bias so the demonstrations' mean reward is 0 (§3.5); returns the mean before the shift.</summary>
    public static double NormalizeOnDemonstrations(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<Demonstration> demonstrations, int maxLength, int batchSize, Device device)
    {
        if (demonstrations.Count == 0) return 0;
        var scores = Score(model, tokenizer, demonstrations.Select(d => (d.Prompt, d.Completion)).ToList(), maxLength, batchSize, device);
        var mean = scores.Average();
        using var noGrad = torch.no_grad();
        model.score.bias!.sub_(torch.full(new long[] { 1 }, mean, dtype: model.score.bias.dtype, device: model.score.bias.device));
        return mean;
    }

    /// <summary>Rewards of (prompt, completion) pairs, in batches.</summary>
    public static double[] Score(GptRewardModel model, ITokenizer tokenizer, IReadOnlyList<(string prompt, string completion)> pairs, int maxLength, int batchSize, Device device)
    {
        using var noGrad = torch.no_grad();
        var result = new List<double>(pairs.Count);
        for (var start = 0; start < pairs.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var sequences = pairs.Skip(start).Take(batchSize).Select(p => SequenceBatch.Encode(tokenizer, p.prompt, p.completion, maxLength)).ToList();
            var (ids, mask) = SequenceBatch.RightPadded(sequences, tokenizer.EndOfTextId, device);
            result.AddRange(model.forward(ids, mask).to(ScalarType.Float64).ToHostArray<double>());
        }
        return result.ToArray();
    }
}
