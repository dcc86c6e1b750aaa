namespace InstructGpt.Tasks.Labeling;

/// <summary>How often two labelers order a pair of outputs the same way.</summary>
public sealed record AgreementResult(int Pairs, int Agreements)
{
    public double Rate => Pairs == 0 ? double.NaN : Agreements / (double)Pairs;

    public static AgreementResult operator +(AgreementResult a, AgreementResult b) => new(a.Pairs + b.Pairs, a.Agreements + b.Agreements);
}
