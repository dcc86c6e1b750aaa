using System.Diagnostics;
using System.Text.Json.Nodes;
using InstructGpt.Inference.Engine;
using InstructGpt.Safetensors;
using InstructGpt.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Runs;

/// <summary>
/// The gradient-descent loop shared by pretraining, SFT and the reward model: learning-rate schedule,
/// backward, gradient clipping, AdamW step, per-step metrics, progress, periodic validation that keeps
/// the best weights, resumable state every N steps, cancellation, and a hard stop on NaN/Inf.
/// </summary>
public sealed class OptimizationLoop(string stage, nn.Module model, AdamW optimizer, CosineSchedule schedule, StageOptions options)
{
    private const string BestWeightsFile = "best.safetensors";

    public double GradientClip { get; init; } = 1.0;
    public int ValidateEvery { get; init; } = 100;
    /// <summary>Returns the validation metric and its name; lower is better unless <see cref="HigherIsBetter"/>.</summary>
    public Func<(string name, double value)>? Validate { get; init; }
    public bool HigherIsBetter { get; init; }

    public double? BestValidation { get; private set; }
    public long BestStep { get; private set; } = -1;
    public Dictionary<string, double> LastMetrics { get; } = [];

    /// <summary>Runs steps until <paramref name="totalSteps"/>; returns the number of steps done in all (including before a resume).</summary>
    public long Run(long totalSteps, Func<long, StepResult> step)
    {
        var modules = new Dictionary<string, nn.Module> { ["model"] = model };
        var optimizers = new Dictionary<string, AdamW> { ["model"] = optimizer };
        // Dropout draws from the run's own stream, saved with the state, so resuming repeats the masks.
        using var dropout = new Generator(options.Seed ^ 0xD80F0E7UL, model.parameters().First().device);
        InstructGpt.Inference.Model.DropoutStream.Use(model, dropout);
        try
        {
            return RunSteps(totalSteps, step, modules, optimizers, new Dictionary<string, Generator> { ["dropout"] = dropout });
        }
        finally
        {
            InstructGpt.Inference.Model.DropoutStream.Use(model, null);
        }
    }

    private long RunSteps(long totalSteps, Func<long, StepResult> step, Dictionary<string, nn.Module> modules, Dictionary<string, AdamW> optimizers,
        Dictionary<string, Generator> generators)
    {
        var runDirectory = options.RunPath;
        var start = 0L;
        var saved = options.Resume ? TrainingState.TryLoad(runDirectory) : null;
        if (saved is not null)
        {
            saved.Restore(modules, optimizers, generators);
            start = saved.Step;
            if (saved.Extra["best_validation"] is JsonValue best) BestValidation = best.GetValue<double>();
            if (saved.Extra["best_step"] is JsonValue bestStep) BestStep = bestStep.GetValue<long>();
        }
        else if (Directory.Exists(runDirectory) && !options.Resume)
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        using var log = new MetricsLog(runDirectory, start);
        var clock = Stopwatch.StartNew();
        long tokensSinceStart = 0;
        for (var s = start; s < totalSteps; s++)
        {
            if (options.Cancellation.IsCancellationRequested)
            {
                Save(runDirectory, s, modules, optimizers, generators);
                options.Cancellation.ThrowIfCancellationRequested();
            }
            model.train();
            optimizer.SetLearningRate(schedule.At(s));
            double loss;
            long tokens;
            var metrics = new Dictionary<string, double>();
            using (var scope = torch.NewDisposeScope())
            {
                var result = step(s);
                loss = result.Loss.ToDouble();
                if (!double.IsFinite(loss))
                    throw new TrainingDivergedException(stage, s, "loss", loss, TrainingState.TryLoad(runDirectory) is null ? null : TrainingState.PathIn(runDirectory));
                result.Loss.backward();
                var norm = torch.nn.utils.clip_grad_norm_(model.parameters(), GradientClip);
                if (!double.IsFinite(norm))
                    throw new TrainingDivergedException(stage, s, "gradient norm", norm, TrainingState.TryLoad(runDirectory) is null ? null : TrainingState.PathIn(runDirectory));
                optimizer.step();
                optimizer.ClearGradients();
                tokens = result.Tokens;
                metrics["loss"] = loss;
                metrics["lr"] = optimizer.LearningRate();
                metrics["grad_norm"] = norm;
                foreach (var (k, v) in result.Metrics ?? new Dictionary<string, double>()) metrics[k] = v;
            }
            ScalarGarbage.CollectAfterStep();
            tokensSinceStart += tokens;
            var done = s + 1;
            if (Validate is not null && (done % ValidateEvery == 0 || done == totalSteps))
            {
                model.eval();
                var (name, value) = Validate();
                metrics[name] = value;
                if (BestValidation is null || (HigherIsBetter ? value > BestValidation : value < BestValidation))
                {
                    BestValidation = value;
                    BestStep = done;
                    SafetensorsWriter.Save(Path.Combine(runDirectory, BestWeightsFile), model.state_dict());
                }
            }
            var elapsed = clock.Elapsed;
            var rate = tokensSinceStart / Math.Max(1e-9, elapsed.TotalSeconds);
            metrics["tokens_per_second"] = rate;
            log.Write(stage, done, metrics);
            foreach (var (k, v) in metrics) LastMetrics[k] = v;
            var perStep = elapsed.TotalSeconds / (done - start);
            options.Progress?.Report(new StageProgress(stage, done, totalSteps, loss, metrics, rate, elapsed, TimeSpan.FromSeconds(perStep * (totalSteps - done))));
            if (done % options.CheckpointEvery == 0 || done == totalSteps) Save(runDirectory, done, modules, optimizers, generators);
        }
        return totalSteps;
    }

    /// <summary>Loads the weights of the best validation step into the model (when validation ran).</summary>
    public void RestoreBest()
    {
        var path = Path.Combine(options.RunPath, BestWeightsFile);
        if (!File.Exists(path)) return;
        using var file = SafetensorsFile.Open(path);
        using var scope = torch.NewDisposeScope();
        model.load_state_dict(file.LoadAll(device: model.parameters().First().device));
    }

    private void Save(string runDirectory, long step, Dictionary<string, nn.Module> modules, Dictionary<string, AdamW> optimizers, Dictionary<string, Generator> generators)
    {
        var extra = new JsonObject { ["best_step"] = BestStep };
        if (BestValidation is { } best) extra["best_validation"] = best;
        TrainingState.Save(runDirectory, step, modules, optimizers, generators, extra, options.Inputs);
    }
}
