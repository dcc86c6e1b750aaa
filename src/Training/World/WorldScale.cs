namespace InstructGpt.Training.World;

/// <summary>The number of records of every kind for one <see cref="WorldSize"/>.</summary>
public sealed record WorldScale
{
    // Prompt counts of InstructGPT Table 6 (SFT 12,725 train / 1,653 valid; RM 33,207 / 17,887; PPO 31,144 /
    // 16,185), rounded.
    public const int PaperSftTrain = 13_000;
    public const int PaperSftValid = 1_650;
    public const int PaperRmTrain = 33_000;
    public const int PaperRmValid = 17_900;
    public const int PaperPpoTrain = 31_000;
    public const int PaperPpoValid = 16_200;

    // Not in the paper; our choices at paper scale, scaled down with the rest.
    public const int PaperTestPrompts = 10_000;
    public const int PaperToxicityProbes = 2_500;
    /// <summary>
    /// Closed-domain prompts (summarization, closed QA, extraction) held out for the hallucination rate, beside the
    /// test set: Table 1's mix gives the test set under 9% of them (35 at the default size), too few for an interval
    /// that can tell two models apart; 300 at the default size can separate rates about 10 points apart.
    /// </summary>
    public const int PaperClosedDomainTest = 7_500;
    public const int PaperPretrainTrain = 250_000;
    public const int PaperPretrainValid = 5_000;
    public const int PaperPretrainTest = 5_000;

    /// <summary>The default world is 1/25 of the paper: small enough that the tiny CPU pipeline runs in about 30 minutes.</summary>
    public const int DefaultDivisor = 25;

    /// <summary>The small world is 1/250 of the paper, for tests: it builds in a few seconds.</summary>
    public const int SmallDivisor = 250;

    /// <summary>
    /// The default world writes this many times Table 6's share of SFT demonstrations (2,080 rather than 520). The
    /// paper's 13k demonstrations taught a 175B model the task format; a 4M-parameter model needs far more examples
    /// per template than its 1/25 share gives, and overfit 520 of them within 3 epochs (docs/results.md). RM and PPO
    /// prompts keep Table 6's shares.
    /// </summary>
    public const int DefaultDemonstrationMultiplier = 4;

    public required WorldSize Size { get; init; }
    public required int SftTrain { get; init; }
    public required int SftValid { get; init; }
    public required int RmTrain { get; init; }
    public required int RmValid { get; init; }
    public required int PpoTrain { get; init; }
    public required int PpoValid { get; init; }
    public required int Test { get; init; }
    public required int ClosedDomainTest { get; init; }
    public required int ToxicityProbes { get; init; }
    public required int PretrainTrain { get; init; }
    public required int PretrainValid { get; init; }
    public required int PretrainTest { get; init; }

    /// <summary>
    /// The paper's size needs more distinct prompts than the familiar words allow; the default (CPU) world is narrow so
    /// the tiny models can learn its facts; the small test world keeps the familiar words for variety.
    /// </summary>
    public ConceptBreadth Breadth => Size switch
    {
        WorldSize.Paper => ConceptBreadth.Broad,
        WorldSize.Default => ConceptBreadth.Core,
        _ => ConceptBreadth.Familiar,
    };

    public int TrainPrompts => SftTrain + RmTrain + PpoTrain;
    public int ValidPrompts => SftValid + RmValid + PpoValid;

    public static WorldScale For(WorldSize size)
    {
        var divisor = size switch
        {
            WorldSize.Paper => 1,
            WorldSize.Default => DefaultDivisor,
            WorldSize.Small => SmallDivisor,
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, "unknown world size"),
        };
        int Scaled(int paper) => Math.Max(1, (int)Math.Round(paper / (double)divisor, MidpointRounding.AwayFromZero));
        return new WorldScale
        {
            Size = size,
            SftTrain = Scaled(PaperSftTrain) * (size == WorldSize.Default ? DefaultDemonstrationMultiplier : 1),
            SftValid = Scaled(PaperSftValid),
            RmTrain = Scaled(PaperRmTrain),
            RmValid = Scaled(PaperRmValid),
            PpoTrain = Scaled(PaperPpoTrain),
            PpoValid = Scaled(PaperPpoValid),
            Test = Scaled(PaperTestPrompts),
            ClosedDomainTest = Scaled(PaperClosedDomainTest),
            ToxicityProbes = Scaled(PaperToxicityProbes),
            PretrainTrain = Scaled(PaperPretrainTrain),
            PretrainValid = Scaled(PaperPretrainValid),
            PretrainTest = Scaled(PaperPretrainTest),
        };
    }
}
