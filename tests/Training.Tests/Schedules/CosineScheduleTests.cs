using InstructGpt.Training.Schedules;

namespace InstructGpt.Training.Tests.Schedules;

public class CosineScheduleTests
{
    [Fact]
    public void SftDecaysFromPeakToTenPercentWithoutWarmup()
    {
        var schedule = new CosineSchedule(Peak: 1.0, TotalSteps: 11);
        Assert.Equal(1.0, schedule.At(0), 12);
        Assert.Equal(0.55, schedule.At(5), 12); // halfway: 0.1 + 0.9·½(1 + cos π/2)
        Assert.Equal(0.1, schedule.At(10), 12);
    }

    [Fact]
    public void PpoWarmsUpFromATenthThenStaysConstant()
    {
        var schedule = CosineSchedule.Constant(peak: 2.0, warmupSteps: 10, warmupStartFraction: 0.1);
        Assert.Equal(0.2, schedule.At(0), 12);
        Assert.Equal(0.2 + 1.8 * 5 / 10, schedule.At(5), 12);
        Assert.Equal(2.0, schedule.At(10), 12);
        Assert.Equal(2.0, schedule.At(100_000), 12);
    }
}
