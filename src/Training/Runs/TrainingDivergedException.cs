namespace InstructGpt.Training.Runs;

/// <summary>A loss became NaN or infinite. The last good state stays on disk; nothing after it was saved.</summary>
public sealed class TrainingDivergedException(string stage, long step, string quantity, double value, string? lastGoodState)
    : Exception($"{stage}: {quantity} became {value} at step {step}; training stopped. " +
                (lastGoodState is null ? "No state had been saved yet." : $"The last good state is kept in {lastGoodState}."))
{
    public long Step { get; } = step;
}
