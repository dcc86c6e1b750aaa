using System.Diagnostics;
using InstructGpt.Inference.Model;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Bench;

/// <summary>
/// Where a step's time goes: the same step as OptimizationLoop's, written out with a timestamp after each phase
/// (CPU ops run synchronously, so each interval is that phase's work). The peer profiles the same phases.
/// </summary>
internal static class PhaseProfile
{
    public static readonly string[] Phases = ["batch", "forward", "loss", "backward", "clip", "adamw", "zero_grad", "release"];

    /// <summary>Runs steps 0…n and returns, per phase, the median milliseconds over steps 1…n (step 0 warms up).</summary>
    public static Dictionary<string, double> Run(Workload workload, int steps)
    {
        var samples = Phases.ToDictionary(p => p, _ => new List<double>());
        var model = workload.Model;
        // OptimizationLoop draws dropout from the run's own generator, which also selects the explicit attention path.
        using var dropout = new Generator(workload.Seed ^ 0xD80F0E7UL, model.parameters().First().device);
        DropoutStream.Use(model, dropout);
        model.train();
        try
        {
            for (var step = 0; step <= steps; step++)
            {
                var marks = new long[Phases.Length + 1];
                marks[0] = Stopwatch.GetTimestamp();
                workload.Optimizer.SetLearningRate(workload.Schedule.At(step));
                using (var scope = torch.NewDisposeScope())
                {
                    var batch = workload.Batch(step);
                    marks[1] = Stopwatch.GetTimestamp();
                    var logits = model.forward(batch.Ids);
                    marks[2] = Stopwatch.GetTimestamp();
                    var loss = LanguageModelLoss.Compute(logits, batch.Labels);
                    _ = loss.ToDouble();
                    marks[3] = Stopwatch.GetTimestamp();
                    loss.backward();
                    marks[4] = Stopwatch.GetTimestamp();
                    _ = torch.nn.utils.clip_grad_norm_(model.parameters(), workload.GradientClip);
                    marks[5] = Stopwatch.GetTimestamp();
                    workload.Optimizer.step();
                    marks[6] = Stopwatch.GetTimestamp();
                    workload.Optimizer.ClearGradients(); // OptimizationLoop's: gradients set to none, as the peer's zero_grad(set_to_none=True)
                    marks[7] = Stopwatch.GetTimestamp();
                }
                marks[8] = Stopwatch.GetTimestamp();
                if (step == 0) continue;
                for (var p = 0; p < Phases.Length; p++) samples[Phases[p]].Add(Stopwatch.GetElapsedTime(marks[p], marks[p + 1]).TotalMilliseconds);
            }
        }
        finally
        {
            DropoutStream.Use(model, null);
        }
        return samples.ToDictionary(s => s.Key, s => Median(s.Value));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
