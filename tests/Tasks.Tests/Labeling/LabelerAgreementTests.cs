
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

    [Fact]
    public void CompareCountsTiesAsAPreferenceOfTheirOwn()
    {
        // Ranks by output: A1 B2 C3 D3 against A2 B1 C3 D3. A-B disagree; A-C, A-D, B-C, B-D agree; C-D both tie: agree.
        var result = LabelerAgreement.Compare([1, 2, 3, 3], [2, 1, 3, 3], ["a", "b", "c", "d"]);
        Assert.Equal((6, 5), (result.Pairs, result.Agreements));
        // One ties what the other orders: disagree.
        Assert.Equal((1, 0), (LabelerAgreement.Compare([1, 1], [1, 2], ["a", "b"]).Pairs, LabelerAgreement.Compare([1, 1], [1, 2], ["a", "b"]).Agreements));
    }

    [Fact]
    public void StoredRankingBecomesRanksByOutput()
    {
        // Order best first [1, 0, 2] with ranks [1, 2, 2]: output 1 is best, 0 and 2 tied behind it.
        Assert.Equal([2, 1, 2], LabelerRanking.RanksByOutput([1, 0, 2], [1, 2, 2]));
        Assert.Equal([2, 1, 3], LabelerRanking.RanksByOutput([1, 0, 2], null));
    }
}
