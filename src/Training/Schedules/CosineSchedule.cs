namespace InstructGpt.Training.Schedules;

/// <summary>
/// Linear warmup from <see cref="WarmupStartFraction"/>·peak to the peak, then cosine decay to
/// <see cref="FinalFraction"/>·peak at the last step. SFT uses no warmup and decays to 10% of peak
/// (InstructGPT App. C.1); PPO uses a constant rate after 10 warmup iterations from a tenth of peak
/// (App. C.4): <see cref="Constant"/>.
/// </summary>
public sealed record CosineSchedule(double Peak, long TotalSteps, long WarmupSteps = 0, double FinalFraction = 0.1, double WarmupStartFraction = 0.0, bool Decay = true)
{
    public static CosineSchedule Constant(double peak, long warmupSteps, double warmupStartFraction) =>
        new(peak, long.MaxValue, warmupSteps, 1.0, warmupStartFraction, Decay: false);

    /// <summary>The learning rate for step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (step < WarmupSteps)
        {
            var start = WarmupStartFraction * Peak;
            return start + (Peak - start) * step / WarmupSteps;
        }
        if (!Decay) return Peak;
        var span = Math.Max(1, TotalSteps - 1 - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / span, 0, 1);
        var floor = FinalFraction * Peak;
        return floor + (Peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
