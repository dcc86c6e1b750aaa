using System.Diagnostics;
using System.Text.Json.Nodes;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Batching;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Ppo;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Stages;

/// <summary>
/// PPO against the reward model, optionally with the pretraining mix (PPO-ptx). One iteration:
/// sample responses → score them with the RM → per-token KL-shaped rewards → GAE with whitened
/// advantages → PPO epochs over minibatches, where the policy's clipped loss and (for PPO-ptx)
/// γ times the pretraining LM loss are accumulated into the same optimizer step (InstructGPT Eq. 2).
/// </summary>
public static class PpoStage
{
    public static StageOutcome Run(string stage, PpoModels models, ITokenizer tokenizer, IReadOnlyList<string> prompts,
        IReadOnlyList<string> pretrainingTexts, PpoSettings settings, StageOptions options)
    {
        Validate(settings, prompts, pretrainingTexts);
        var clock = Stopwatch.StartNew();
        var device = options.Device;
        foreach (var m in new nn.Module[] { models.Policy, models.Value, models.Reference, models.Reward })
        {
            m.to(device);
            m.eval(); // dropout off in every model during PPO
        }
        foreach (var p in models.Reference.parameters().Concat(models.Reward.parameters())) p.requires_grad = false;

        var queries = prompts.Select(p => Truncate(tokenizer.Encode(InstructionFormat.Query(p)), settings.MaxPromptTokens)).ToList();
        var ptx = settings.PtxCoefficient > 0 ? new TokenBlocks(pretrainingTexts, tokenizer, Math.Min(settings.PtxBlockSize, models.Policy.Config.NPositions)) : null;
        var iterations = Math.Max(1, settings.Episodes / settings.BatchSize);
        using var policyOptimizer = OptimizerFactory.Create(models.Policy, settings.LearningRate, 0);
        using var valueOptimizer = OptimizerFactory.Create(models.Value, settings.ValueLearningRate, 0);
        var schedule = CosineSchedule.Constant(settings.LearningRate, settings.WarmupIterations, settings.WarmupStartFraction);
        using var rolloutGenerator = new torch.Generator(options.Seed, device);
        var kl = new AdaptiveKlController(settings.KlCoefficient, settings.AdaptiveKlTarget ?? 1, settings.AdaptiveKlHorizon);
        // γ: the setting itself, or (PtxGradientRatio) measured on the first minibatch and then kept.
        double? ptxCoefficient = ptx is null ? 0 : settings.PtxGradientRatio is null ? settings.PtxCoefficient : null;

        var modules = new Dictionary<string, nn.Module> { ["policy"] = models.Policy, ["value"] = models.Value };
        var optimizers = new Dictionary<string, AdamW> { ["policy"] = policyOptimizer, ["value"] = valueOptimizer };
        var generators = new Dictionary<string, torch.Generator> { ["rollout"] = rolloutGenerator };
        var start = 0L;
        var saved = options.Resume ? TrainingState.TryLoad(options.RunPath) : null;
        if (saved is not null)
        {
            saved.Restore(modules, optimizers, generators);
            start = saved.Step;
            kl = new AdaptiveKlController(saved.Extra["kl_coefficient"]!.GetValue<double>(), settings.AdaptiveKlTarget ?? 1, settings.AdaptiveKlHorizon);
            if (ptx is not null && saved.Extra["ptx_coefficient"] is { } savedPtx) ptxCoefficient = savedPtx.GetValue<double>();
        }
        else if (Directory.Exists(options.RunPath) && !options.Resume) Directory.Delete(options.RunPath, recursive: true);

        using var log = new MetricsLog(options.RunPath, start);
        var last = new Dictionary<string, double>();
        long tokens = 0;
        for (var iteration = start; iteration < iterations; iteration++)
        {
            if (options.Cancellation.IsCancellationRequested)
            {
                Save(options, iteration, modules, optimizers, generators, kl, ptxCoefficient);
                options.Cancellation.ThrowIfCancellationRequested();
            }
            var lr = schedule.At(iteration);
            policyOptimizer.SetLearningRate(lr);
            valueOptimizer.SetLearningRate(settings.ValueLearningRate * lr / settings.LearningRate);
            var batch = DataOrder.Batch(queries.Count, settings.BatchSize, options.Seed, iteration).Select(i => queries[i]).ToList();
            var metrics = Iteration(stage, iteration, models, tokenizer, batch, ptx, settings, options, rolloutGenerator, kl.Coefficient, ref ptxCoefficient, policyOptimizer, valueOptimizer);
            ScalarGarbage.CollectAfterStep();
            metrics["kl_coefficient"] = kl.Coefficient;
            metrics["ptx_coefficient"] = ptxCoefficient ?? 0;
            metrics["lr"] = lr;
            if (settings.AdaptiveKlTarget is not null) kl.Update(metrics["kl"], batch.Count);
            tokens += (long)(metrics["response_length"] * batch.Count);
            var done = iteration + 1;
            var elapsed = clock.Elapsed;
            metrics["tokens_per_second"] = tokens / Math.Max(1e-9, elapsed.TotalSeconds);
            log.Write(stage, done, metrics);
            last = metrics;
            options.Progress?.Report(new StageProgress(stage, done, iterations, metrics["policy_loss"], metrics, metrics["tokens_per_second"], elapsed,
                TimeSpan.FromSeconds(elapsed.TotalSeconds / (done - start) * (iterations - done))));
            if (done % options.CheckpointEvery == 0 || done == iterations) Save(options, done, modules, optimizers, generators, kl, ptxCoefficient);
        }

        StageCheckpoint.Save(stage, "lm", models.Policy, models.Policy.Config, settings, options, iterations, clock.Elapsed.TotalSeconds, last);
        return new StageOutcome(stage, options.OutputDirectory, iterations, clock.Elapsed.TotalSeconds, last);
    }

    private static Dictionary<string, double> Iteration(string stage, long iteration, PpoModels models, ITokenizer tokenizer, List<int[]> batch,
        TokenBlocks? ptx, PpoSettings settings, StageOptions options, torch.Generator generator, double beta,
        ref double? ptxCoefficient, AdamW policyOptimizer, AdamW valueOptimizer)
    {
        var device = options.Device;
        var pad = tokenizer.EndOfTextId; // any id: padding is masked; EOS is told apart by the response mask
        // The iteration's wall time split three ways (the benchmark's rollout / scoring / update).
        var phase = Stopwatch.StartNew();
        var rollout = RolloutSampler.Sample(models.Policy, batch, settings.MaxResponseTokens, settings.Temperature, tokenizer.EndOfTextId, pad, generator);
        var rolloutSeconds = phase.Elapsed.TotalSeconds;
        phase.Restart();
        using var scope = torch.NewDisposeScope();

        // Scores from the frozen RM; a response that never ended scores below every response in the batch.
        var scored = rollout.Queries.Select((q, b) => q.Concat(rollout.Response(b)).ToArray()).ToList();
        var (rmIds, rmMask) = SequenceBatch.RightPadded(scored, pad, device);
        double[] rawScores;
        using (torch.no_grad()) rawScores = models.Reward.forward(rmIds, rmMask).to(ScalarType.Float64).ToHostArray<double>();
        var penaltyScore = rawScores.Min() - settings.MissingEosPenalty;
        var scores = rawScores.Select((s, b) => rollout.EndedWithEos[b] ? s : penaltyScore).ToArray();

        var (ids, attention, queryWidth) = Sequences(rollout, pad, device);
        var responses = rollout.ResponseTensor(device);
        var mask = rollout.ResponseMask(device);
        Tensor oldLogprobs, referenceLogprobs, oldValues;
        using (torch.no_grad())
        {
            oldLogprobs = ResponseLogprobs(models.Policy, ids, attention, responses, queryWidth, settings.Temperature);
            referenceLogprobs = ResponseLogprobs(models.Reference, ids, attention, responses, queryWidth, settings.Temperature);
            oldValues = ResponseValues(models.Value, ids, attention, queryWidth, responses.size(1));
        }
        var scoreTensor = torch.tensor(scores, device: device);
        var (rewards, klPerToken) = PpoMath.KlShapedRewards(oldLogprobs, referenceLogprobs, scoreTensor, mask, beta);
        if (settings.WhitenRewards) rewards = MaskedStatistics.Whiten(rewards, mask, shiftMean: false) * mask;
        var (advantages, returns) = PpoMath.ComputeAdvantages(oldValues, rewards, mask, settings.Gamma, settings.Lambda);
        advantages = MaskedStatistics.Whiten(advantages, mask) * mask;
        var scoringSeconds = phase.Elapsed.TotalSeconds; // RM scores, old/reference log-probs, values and GAE
        phase.Restart();

        var sums = new Dictionary<string, double> { ["policy_loss"] = 0, ["value_loss"] = 0, ["clip_fraction"] = 0, ["value_clip_fraction"] = 0, ["approx_kl"] = 0, ["entropy"] = 0, ["ptx_loss"] = 0 };
        var minibatches = 0;
        for (var epoch = 0; epoch < settings.PpoEpochs; epoch++)
        {
            var order = DataOrder.Permutation(batch.Count, options.Seed ^ 0xA5A5UL, iteration * settings.PpoEpochs + epoch);
            for (var startRow = 0; startRow + settings.MinibatchSize <= batch.Count; startRow += settings.MinibatchSize)
            {
                using var mb = torch.NewDisposeScope();
                var rows = torch.tensor(order.Skip(startRow).Take(settings.MinibatchSize).Select(i => (long)i).ToArray(), device: device);
                var mIds = ids.index_select(0, rows);
                var mAttention = attention.index_select(0, rows);
                var mResponses = responses.index_select(0, rows);
                var mMask = mask.index_select(0, rows);
                var logits = ResponseLogits(models.Policy, mIds, mAttention, queryWidth, mResponses.size(1), settings.Temperature);
                var logprobs = logits.log_softmax(-1).gather(2, mResponses.unsqueeze(-1)).squeeze(-1);
                var policy = PpoMath.PolicyLoss(logprobs, oldLogprobs.index_select(0, rows), advantages.index_select(0, rows), mMask, settings.ClipRange);
                var values = ResponseValues(models.Value, mIds, mAttention, queryWidth, mResponses.size(1));
                var value = PpoMath.ValueLoss(values, oldValues.index_select(0, rows), returns.index_select(0, rows), mMask, settings.ValueClipRange);

                var policyLoss = policy.Loss;
                if (ptx is not null)
                {
                    // Eq. 2: the pretraining gradient goes into the same optimizer step as the PPO gradient.
                    var step = (iteration * settings.PpoEpochs + epoch) * (batch.Count / settings.MinibatchSize) + startRow / settings.MinibatchSize;
                    var blocks = ptx.Batch(DataOrder.Batch(ptx.Count, Math.Min(settings.PtxBatchSize, ptx.Count), options.Seed + 1, step), device);
                    var lmLoss = LanguageModelLoss.Compute(models.Policy.forward(blocks), blocks);
                    ptxCoefficient ??= PtxCoefficientRule.Measure(models.Policy.parameters().ToList(), policy.Loss, lmLoss, settings.PtxGradientRatio!.Value);
                    policyLoss = policyLoss + ptxCoefficient.Value * lmLoss;
                    sums["ptx_loss"] += lmLoss.ToDouble();
                }
                var policyValue = policy.Loss.ToDouble();
                var valueValue = value.Loss.ToDouble();
                if (!double.IsFinite(policyValue) || !double.IsFinite(valueValue) || !double.IsFinite(policyLoss.ToDouble()))
                    throw new TrainingDivergedException(stage, iteration, "PPO loss", double.IsFinite(policyValue) ? valueValue : policyValue,
                        TrainingState.TryLoad(options.RunPath) is null ? null : TrainingState.PathIn(options.RunPath));

                policyLoss.backward();
                value.Loss.backward();
                torch.nn.utils.clip_grad_norm_(models.Policy.parameters(), settings.GradientClip);
                torch.nn.utils.clip_grad_norm_(models.Value.parameters(), settings.GradientClip);
                policyOptimizer.step();
                valueOptimizer.step();
                policyOptimizer.ClearGradients();
                valueOptimizer.ClearGradients();

                sums["policy_loss"] += policyValue;
                sums["value_loss"] += valueValue;
                sums["clip_fraction"] += policy.ClipFraction;
                sums["value_clip_fraction"] += value.ClipFraction;
                sums["approx_kl"] += policy.ApproxKl;
                using (torch.no_grad()) sums["entropy"] += PpoMath.Entropy(logits, mMask);
                minibatches++;
            }
        }

        var metrics = sums.ToDictionary(kv => kv.Key, kv => kv.Value / Math.Max(1, minibatches));
        metrics["reward_mean"] = scores.Average();
        metrics["reward_std"] = StandardDeviation(scores);
        metrics["rm_score_mean"] = rawScores.Average();
        metrics["kl"] = klPerToken.sum(1).mean().ToDouble();
        metrics["explained_variance"] = PpoMath.ExplainedVariance(oldValues, returns, mask);
        metrics["response_length"] = rollout.ResponseLengths.Average();
        metrics["eos_fraction"] = rollout.EndedWithEos.Count(e => e) / (double)batch.Count;
        metrics["rollout_seconds"] = rolloutSeconds;
        metrics["scoring_seconds"] = scoringSeconds;
        metrics["update_seconds"] = phase.Elapsed.TotalSeconds;
        return metrics;
    }

    /// <summary>Queries left-padded to a common width followed by right-padded responses, with their attention mask.</summary>
    private static (Tensor ids, Tensor attention, int queryWidth) Sequences(Rollout rollout, int pad, Device device)
    {
        var width = rollout.Queries.Max(q => q.Length);
        var total = width + rollout.ResponseWidth;
        var ids = new long[rollout.BatchSize * total];
        var attention = new long[rollout.BatchSize * total];
        Array.Fill(ids, pad);
        for (var b = 0; b < rollout.BatchSize; b++)
        {
            var q = rollout.Queries[b];
            for (var j = 0; j < q.Length; j++)
            {
                ids[b * total + width - q.Length + j] = q[j];
                attention[b * total + width - q.Length + j] = 1;
            }
            for (var t = 0; t < rollout.ResponseLengths[b]; t++)
            {
                ids[b * total + width + t] = rollout.Responses[b, t];
                attention[b * total + width + t] = 1;
            }
        }
        return (torch.tensor(ids, new long[] { rollout.BatchSize, total }, device: device), torch.tensor(attention, new long[] { rollout.BatchSize, total }, device: device), width);
    }

    /// <summary>Logits that predict each response token (positions queryWidth−1 …), divided by the sampling temperature.</summary>
    private static Tensor ResponseLogits(GptLanguageModel model, Tensor ids, Tensor attention, int queryWidth, long responseWidth, double temperature)
    {
        var logits = model.forward(ids, attention).narrow(1, queryWidth - 1, responseWidth);
        return temperature == 1.0 ? logits : logits / temperature;
    }

    private static Tensor ResponseLogprobs(GptLanguageModel model, Tensor ids, Tensor attention, Tensor responses, int queryWidth, double temperature) =>
        ResponseLogits(model, ids, attention, queryWidth, responses.size(1), temperature).log_softmax(-1).gather(2, responses.unsqueeze(-1)).squeeze(-1);

    /// <summary>V(state before each response token), read at the same positions as the logits.</summary>
    private static Tensor ResponseValues(GptValueModel model, Tensor ids, Tensor attention, int queryWidth, long responseWidth) =>
        model.forward(ids, attention).narrow(1, queryWidth - 1, responseWidth);

    private static void Save(StageOptions options, long step, Dictionary<string, nn.Module> modules, Dictionary<string, AdamW> optimizers,
        Dictionary<string, torch.Generator> generators, AdaptiveKlController kl, double? ptxCoefficient)
    {
        var extra = new JsonObject { ["kl_coefficient"] = kl.Coefficient };
        if (ptxCoefficient is not null) extra["ptx_coefficient"] = ptxCoefficient.Value;
        TrainingState.Save(options.RunPath, step, modules, optimizers, generators, extra, options.Inputs);
    }

    private static int[] Truncate(int[] query, int max) => query.Length <= max ? query : query[^max..];

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
    }

    private static void Validate(PpoSettings s, IReadOnlyList<string> prompts, IReadOnlyList<string> pretraining)
    {
        if (s.BatchSize < 1 || s.MinibatchSize < 1 || s.BatchSize % s.MinibatchSize != 0)
            throw new ArgumentException($"PPO batch size ({s.BatchSize}) must be a positive multiple of the minibatch size ({s.MinibatchSize})");
        if (prompts.Count < s.BatchSize) throw new ArgumentException($"PPO needs at least one batch of {s.BatchSize} prompts; got {prompts.Count}");
        if (s.PtxCoefficient > 0 && pretraining.Count == 0) throw new ArgumentException("PPO-ptx needs pretraining text (PtxCoefficient > 0)");
        if (s.PtxGradientRatio is { } ratio && !(ratio > 0 && double.IsFinite(ratio)))
            throw new ArgumentException($"PtxGradientRatio must be a positive number; got {ratio}");
        if (s.MaxResponseTokens < 1) throw new ArgumentException("MaxResponseTokens must be >= 1");
    }
}
