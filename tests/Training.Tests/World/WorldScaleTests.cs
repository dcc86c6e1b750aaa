using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

public class WorldScaleTests
{
    [Fact]
    public void ThePaperSizeHasTable6PromptCounts()
    {
        var paper = WorldScale.For(WorldSize.Paper);
        Assert.Equal((13_000, 33_000, 31_000), (paper.SftTrain, paper.RmTrain, paper.PpoTrain));
        Assert.Equal(ConceptBreadth.Broad, paper.Breadth);
    }

    [Fact]
    public void DefaultIsA25thAndSmallA250th()
    {
        var defaults = WorldScale.For(WorldSize.Default);
        Assert.Equal((2080, 1320, 1240), (defaults.SftTrain, defaults.RmTrain, defaults.PpoTrain));
        Assert.Equal(ConceptBreadth.Core, defaults.Breadth);
        Assert.Equal(300, defaults.ClosedDomainTest);
        Assert.Equal((66, 716, 648), (defaults.SftValid, defaults.RmValid, defaults.PpoValid));
        var small = WorldScale.For(WorldSize.Small);
        Assert.Equal((52, 132, 124), (small.SftTrain, small.RmTrain, small.PpoTrain));
        Assert.Equal(ConceptBreadth.Familiar, small.Breadth);
    }
}
