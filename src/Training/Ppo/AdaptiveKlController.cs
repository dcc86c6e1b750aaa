namespace InstructGpt.Training.Ppo;

/// <summary>
/// Adjusts the KL coefficient β toward a target KL (Ziegler et al., 2019, §2.2):
///   e = clip(KL / target − 1, −0.2, 0.2);  β ← β·(1 + e·n / horizon).
/// InstructGPT used a fixed β = 0.02; this controller is optional.
/// </summary>
public sealed class AdaptiveKlController(double initialCoefficient, double target, double horizon)
{
    private const double ErrorClip = 0.2; // Ziegler et al. (2019)

    public double Coefficient { get; private set; } = initialCoefficient;

    /// <param name="currentKl">The mean KL per sequence measured on the last batch.</param>
    /// <param name="steps">Episodes in that batch.</param>
    public void Update(double currentKl, int steps)
    {
        var error = Math.Clamp(currentKl / target - 1, -ErrorClip, ErrorClip);
        Coefficient *= 1 + error * steps / horizon;
    }
}
