
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Tasks.Tests.Labeling;

public class CalibrationOutputsTests
{
    [Fact]
    public void SixOutputsFromTheReferenceDownToWrongFacts()
    {
        var task = LabelingCases.WhatIsADog;
        var outputs = CalibrationOutputs.For(task, "A lemon is a yellow oval fruit with juicy acidic flesh.");
        Assert.Equal(CalibrationOutputs.Count, outputs.Count);
        Assert.Equal(task.Reference, outputs[0]);
        var exact = new SimulatedLabeler(new SimulatedLabelerOptions { Noise = 0 });
        var scores = outputs.Select(o => exact.Label(task, o).RubricScore).ToArray();
        Assert.Equal(scores.Max(), scores[0]);
        Assert.Equal(scores.Min(), scores[^1]);
    }

    [Fact]
    public void ATaskWithoutAReferenceIsRefused() =>
        Assert.Throws<ArgumentException>(() => CalibrationOutputs.For(LabelingCases.WhatIsADog with { Reference = null }, "x"));
}
