
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class LabelingFormTests
{
    private static readonly SimulatedLabeler Exact = new(new SimulatedLabelerOptions { Noise = 0 });

    [Fact]
    public void StoredFlagsLeaveOutWhatDoesNotApply()
    {
        var open = Exact.Label(LabelingCases.WhatIsADog, "A dog is a domesticated animal.").ToMetadataFlags();
        Assert.False(open.ContainsKey(MetadataFlags.Hallucination));
        Assert.False(open.ContainsKey(MetadataFlags.SatisfiesConstraints));
        Assert.False(open[MetadataFlags.FailsToFollowInstruction]);

        var closed = Exact.Label(LabelingCases.Summary, "A dog lives on the moon and eats rocks.").ToMetadataFlags();
        Assert.True(closed[MetadataFlags.Hallucination]);
        Assert.True(closed[MetadataFlags.SatisfiesConstraints]);
    }
}
