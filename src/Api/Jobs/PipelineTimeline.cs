using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// How far a pipeline job is as a whole, and when it will end. Stages take very different times (pretraining is a
/// third of the tiny pipeline, the data and tokenizer stages seconds), so counting each stage as an equal share made
/// the job look 31% done with most of it left. Each stage is weighted by its measured share of the tiny pipeline's
/// time on the 2-core reference machine; the job's ETA is the current stage's own ETA plus the
/// remaining stages' shares, scaled by how fast this run has gone so far against those shares.
/// </summary>
public sealed class PipelineTimeline(IReadOnlyList<string> stages)
{
    // Looked up on every progress report (each training step): one array, not a list per call.
    private readonly string[] order = [.. stages];

    /// <summary>
    /// Seconds each stage took in the tiny preset's default pipeline on the 2-core machine (docs/benchmarks.md, run of
    /// 2026-12-05 21:29 UTC: pretrain 495.5 s, SFT 246.1, comparisons 48.8, RM 191.2, PPO 137.1; PPO-ptx at the 1.37×
    /// PPO of the earlier run, whose PPO-ptx took 122 s to PPO's 89); only their ratios are used.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> MeasuredSeconds = new Dictionary<string, double>
    {
        [PipelineStages.Data] = 3, [PipelineStages.Tokenizer] = 1, [PipelineStages.Pretrain] = 495.5, [PipelineStages.Sft] = 246.1,
        [PipelineStages.Comparisons] = 48.8, [PipelineStages.RewardModel] = 191.2, [PipelineStages.Ppo] = 137.1, [PipelineStages.PpoPtx] = 188,
    };

    private readonly double total = stages.Sum(Weight);

    private static double Weight(string stage) => MeasuredSeconds.GetValueOrDefault(stage, 1);

    /// <summary>The job's fraction done: finished stages' weights plus the current stage's done part of its weight.</summary>
    public double Fraction(StageProgress progress)
    {
        var index = Math.Max(0, IndexOf(progress.Stage));
        var done = order.Take(index).Sum(Weight) + Weight(progress.Stage) * progress.Fraction;
        return total <= 0 ? 0 : Math.Clamp(done / total, 0, 1);
    }

    /// <summary>
    /// Seconds until the job ends: the current stage's ETA, plus the later stages' weights scaled by this run's pace
    /// (seconds it has taken per unit of weight so far). Null until the current stage has an ETA.
    /// </summary>
    /// <param name="earlierSeconds">Seconds this process watched the job spend in earlier stages.</param>
    /// <param name="earlierStages">Those stages (a job resumed after a restart did its first stages unwatched).</param>
    public double? EtaSeconds(StageProgress progress, double earlierSeconds, IEnumerable<string> earlierStages)
    {
        if (progress.Eta is not { } stageEta) return null;
        var index = Math.Max(0, IndexOf(progress.Stage));
        var weightDone = earlierStages.Sum(Weight) + Weight(progress.Stage) * progress.Fraction;
        var secondsSoFar = earlierSeconds + progress.Elapsed.TotalSeconds;
        // Seconds per unit of weight: this run's pace once it has done a measurable part, else the measured table's.
        var pace = weightDone > 0 && secondsSoFar > 0 ? secondsSoFar / weightDone : 1;
        var later = order.Skip(index + 1).Sum(Weight);
        return stageEta.TotalSeconds + later * pace;
    }

    /// <summary>
    /// Of the weight the job has left (the current stage's rest and every later stage), the share before
    /// <paramref name="target"/> has finished: the fraction of the job's ETA until that stage publishes its checkpoint.
    /// </summary>
    public double ShareOfRemainingUntil(string current, double currentFraction, string target)
    {
        var index = Math.Max(0, IndexOf(current));
        var until = IndexOf(target);
        if (until < index) return 0;
        var currentRest = Weight(current) * (1 - Math.Clamp(currentFraction, 0, 1));
        var remaining = currentRest + order.Skip(index + 1).Sum(Weight);
        var beforeTarget = currentRest + order.Skip(index + 1).Take(until - index).Sum(Weight);
        return remaining <= 0 ? 1 : Math.Clamp(beforeTarget / remaining, 0, 1);
    }

    private int IndexOf(string stage) => Array.IndexOf(order, stage);
}
