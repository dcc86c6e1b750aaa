using InstructGpt.Training.Runs;

namespace InstructGpt.Training.Bench;

/// <summary>What one round measured: the seconds of each timed step, the process's CPU seconds over them, and their tokens (all positions B × T, and trained ones).</summary>
internal sealed record RoundResult(double[] StepSeconds, double CpuSeconds, long[] Positions, long[] TrainedTokens)
{
    public double Seconds => StepSeconds.Sum();
}

/// <summary>
/// Runs a workload's steps 0…n through the real <see cref="OptimizationLoop"/>, as the stage does (a fresh run
/// directory, no resume, no validation, no checkpoint before the end), and times steps 1…n: step 0 carries the
/// loop's set-up and is not counted. Every round starts again at step 0, so every round trains on the same batches.
/// </summary>
internal static class LoopRound
{
    public static RoundResult Run(Workload workload, int timedSteps, string runDirectory)
    {
        var clock = new StepClock();
        var positions = new List<long>();
        var trained = new List<long>();
        var options = new StageOptions
        {
            OutputDirectory = runDirectory,
            RunDirectory = runDirectory,
            Seed = workload.Seed,
            CheckpointEvery = int.MaxValue,
            Resume = false,
            Progress = clock,
        };
        var loop = new OptimizationLoop(workload.Name, workload.Model, workload.Optimizer, workload.Schedule, options) { GradientClip = workload.GradientClip };
        loop.Run(timedSteps + 1, step =>
        {
            var result = workload.Step(step, out var stepPositions);
            positions.Add(stepPositions);
            trained.Add(result.Tokens);
            return result;
        });
        Directory.Delete(runDirectory, recursive: true);
        return new RoundResult(clock.StepSeconds(), clock.CpuSeconds(), positions.Skip(1).ToArray(), trained.Skip(1).ToArray());
    }
}
