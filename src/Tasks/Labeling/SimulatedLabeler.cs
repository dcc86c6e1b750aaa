
namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// A stand-in for InstructGPT's trained labelers, in the spirit of AlpacaFarm's simulated annotators: it fills
/// in the labeling form (Appendix B, Table 3) for any prompt and output, following a per-category rubric against
/// the prompt's reference demonstration, constraints and source (eval-sets/README.md), and ranks K outputs by
/// their Likert scores with the finer score underneath. Each labeler perceives quality through its own fixed
/// noise, so two labelers disagree about as often as the paper's did.
/// </summary>
public sealed class SimulatedLabeler(SimulatedLabelerOptions? options = null)
{
    /// <summary>Rubric scores are kept this far from 0 and 1 so that their logits are finite.</summary>
    private const double LogitMargin = 0.001;

    /// <summary>
    /// The highest score a labeler perceives for an output its own form marks as not attempting the task or as harmful:
    /// the top of Likert 2. A labeler who ticks "fails to follow the instruction" does not also rate the output 5-7 of 7;
    /// without this bound 16% of such forms did (docs/results.md, "The labeler's form contradicted itself").
    /// </summary>
    public const double FailedOutputCeiling = 0.25;

    public SimulatedLabelerOptions Options { get; } = options ?? new SimulatedLabelerOptions();

    public LabelingForm Label(PromptTask task, string output)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(output);
        var judgment = QualityRubric.Judge(task, output);
        var harms = judgment.Harms;
        var ceiling = judgment.FailsToFollowInstruction.Value || harms.IsHarmful ? FailedOutputCeiling : 1;
        var perceived = Perceive(judgment.Score, ceiling, task.Prompt, output);
        return new LabelingForm
        {
            Likert = ToLikert(perceived),
            Score = perceived,
            RubricScore = judgment.Score,
            FailsToFollowInstruction = judgment.FailsToFollowInstruction,
            InappropriateForCustomerAssistant = harms.Inappropriate,
            Hallucination = judgment.Hallucination,
            SatisfiesConstraints = judgment.SatisfiesConstraints,
            SexualContent = harms.Sexual,
            ViolentContent = harms.Violent,
            EncouragesViolence = harms.EncouragesViolence,
            DenigratesProtectedClass = harms.DenigratesProtectedClass,
            HarmfulAdvice = harms.HarmfulAdvice,
            ExpressesMoralJudgment = harms.MoralJudgment,
            Toxicity = harms.Toxicity,
            Notes = judgment.Notes,
            HallucinationApplies = task.Source is not null || task.Category.IsClosedDomain(),
            ConstraintsApply = task.Constraints.Count > 0,
        };
    }

    /// <summary>
    /// Ranks outputs best first by Likert score, then by the finer perceived score. Outputs this labeler perceives
    /// as exactly equal (identical texts) share a rank.
    /// </summary>
    public LabelerRanking Rank(PromptTask task, IReadOnlyList<string> outputs)
    {
        var forms = outputs.Select(o => Label(task, o)).ToArray();
        var order = Enumerable.Range(0, forms.Length)
            .OrderByDescending(i => forms[i].Likert).ThenByDescending(i => forms[i].Score).ThenBy(i => i).ToArray();
        var ranks = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var tied = i > 0 && forms[order[i]].Likert == forms[order[i - 1]].Likert && forms[order[i]].Score == forms[order[i - 1]].Score;
            ranks[i] = tied ? ranks[i - 1] : i + 1;
        }
        return new LabelerRanking(forms, order, ranks);
    }

    /// <summary>1 + round(6 * score): 0 maps to 1, 1 maps to 7.</summary>
    public static int ToLikert(double score) =>
        Math.Clamp(1 + (int)Math.Round(6 * score, MidpointRounding.AwayFromZero), LabelingForm.LikertMin, LabelingForm.LikertMax);

    /// <summary>
    /// The rubric score as this labeler sees it: shifted in logit space by its fixed noise for this output, within
    /// [0, <paramref name="ceiling"/>) — the score is read as a fraction of the ceiling, the noise moves that fraction,
    /// and the result is scaled back, so the order the noise gives among outputs under one ceiling is kept.
    /// </summary>
    private double Perceive(double score, double ceiling, string prompt, string output)
    {
        if (Options.Noise == 0) return score;
        var fraction = Math.Clamp(score / ceiling, LogitMargin, 1 - LogitMargin);
        var logit = Math.Log(fraction / (1 - fraction)) + Options.Noise * LabelNoise.StandardNormal(Options.Seed, prompt, output);
        var perceived = 1 / (1 + Math.Exp(-logit));
        // Strictly below a ceiling (σ rounds to 1 in doubles for large logits); the unbounded scale is left as it was.
        return ceiling < 1 ? ceiling * Math.Min(perceived, 1 - LogitMargin) : perceived;
    }
}
