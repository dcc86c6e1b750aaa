using InstructGpt.Api.Jobs;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;

namespace InstructGpt.Api.Tests.Jobs;

public sealed class PipelineTimelineTests
{
    private static StageProgress At(string stage, long step, long total, double elapsed, double? eta) =>
        new(stage, step, total, null, new Dictionary<string, double>(), 0, TimeSpan.FromSeconds(elapsed), eta is { } e ? TimeSpan.FromSeconds(e) : null);

    [Fact]
    public void PretrainingHalfDoneIsNotAThirdOfThePipelineAndItsEtaCoversTheLaterStages()
    {
        // The case: step 290 of 592 in pretraining showed 31% (each of 8 stages an equal share) and an ETA
        // of 258 s, the stage's alone, with 17 minutes of training left.
        var timeline = new PipelineTimeline(PipelineStages.All);
        var progress = At(PipelineStages.Pretrain, 290, 592, elapsed: 242, eta: 258);
        var seconds = PipelineTimeline.MeasuredSeconds;
        var total = PipelineStages.All.Sum(s => seconds[s]);
        var expected = (seconds[PipelineStages.Data] + seconds[PipelineStages.Tokenizer] + seconds[PipelineStages.Pretrain] * 290 / 592) / total;
        Assert.Equal(expected, timeline.Fraction(progress), 6);
        Assert.InRange(timeline.Fraction(progress), 0.18, 0.20);

        // This run has gone at the table's pace (242 s for the half of pretraining plus 4 s of data and tokenizer), so
        // the later stages add their measured seconds: about 13 minutes beyond the stage's 258 s.
        var eta = timeline.EtaSeconds(progress, earlierSeconds: 4, [PipelineStages.Data, PipelineStages.Tokenizer])!.Value;
        var later = total - seconds[PipelineStages.Data] - seconds[PipelineStages.Tokenizer] - seconds[PipelineStages.Pretrain];
        var pace = (4 + 242) / (4 + seconds[PipelineStages.Pretrain] * 290 / 592);
        Assert.Equal(258 + later * pace, eta, 6);
        Assert.InRange(eta, 1000, 1100);
    }

    [Fact]
    public void ARunTwiceAsSlowAsTheTableGetsTwiceTheLaterStagesTime()
    {
        var timeline = new PipelineTimeline([PipelineStages.Sft, PipelineStages.Comparisons, PipelineStages.RewardModel]);
        var seconds = PipelineTimeline.MeasuredSeconds;
        var progress = At(PipelineStages.Sft, 50, 100, elapsed: seconds[PipelineStages.Sft], eta: 240); // half the stage in the table's whole-stage time
        var eta = timeline.EtaSeconds(progress, 0, [])!.Value;
        Assert.Equal(240 + 2 * (seconds[PipelineStages.Comparisons] + seconds[PipelineStages.RewardModel]), eta, 6);
        Assert.Null(timeline.EtaSeconds(At(PipelineStages.Sft, 0, 100, 0, eta: null), 0, []));
    }
}
