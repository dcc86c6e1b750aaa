
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class LabelerAgreementTests
{
    private static IEnumerable<(PromptTask, IReadOnlyList<string>)> Items() =>
        LabelingCases.All.Select((task, i) =>
            (task, CalibrationOutputs.For(task, LabelingCases.All[(i + 3) % LabelingCases.All.Count].Reference!)));

    [Fact]
    public void ALabelerAgreesWithItself()
    {
        var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 5 });
        var result = LabelerAgreement.Measure(labeler, labeler, Items());
        Assert.Equal(result.Pairs, result.Agreements);
        Assert.True(result.Pairs > 100);
    }

    [Fact]
    public void NoiseFreeLabelersAgreeWhateverTheirSeeds()
    {
        var first = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 1, Noise = 0 });
        var second = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2, Noise = 0 });
        Assert.Equal(1.0, LabelerAgreement.Measure(first, second, Items()).Rate);
    }

    [Fact]
    public void NoisyLabelersWithDifferentSeedsDisagreeSometimes()
    {
        var first = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 1 });
        var second = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2 });
        Assert.InRange(LabelerAgreement.Measure(first, second, Items()).Rate, 0.5, 0.95);
    }

    [Fact]
    public void IdenticalOutputsAreNotCountedAsPairs()
    {
        var labeler = new SimulatedLabeler();
        var task = LabelingCases.WhatIsADog;
        var result = LabelerAgreement.Measure(labeler, labeler, [(task, new[] { "a", "a", "b" })]);
        Assert.Equal(2, result.Pairs);
    }
}
