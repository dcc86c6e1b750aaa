using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Tests.Reports;

/// <summary>
/// A small, hand-made run: three models against the SFT baseline, with win/tie/loss judgments, Likert scores and
/// metadata flags on two categories, and toxicity scores with and without the respectful instruction.
/// </summary>
internal static class SampleRun
{
    public const string Labeler = "simulated-labeler";

    public static readonly string[] Evaluated = ["ppo-ptx", "ppo", "gpt"];

    public static EvaluationRun Run { get; } = new()
    {
        Id = "run-42",
        Status = RunStatus.Completed,
        Models = Evaluated,
        Baseline = "sft",
        EvalSet = "held-out-v1",
        Judges = [Labeler],
        CreatedAt = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 3, 4, 12, 30, 0, TimeSpan.Zero),
    };

    /// <summary>Per model, ten judgments against sft: "W", "T" or "L" for prompts p0..p9 (even prompts generation, odd open_qa).</summary>
    private static readonly Dictionary<string, string> Outcomes = new()
    {
        ["ppo-ptx"] = "WWWWWWTTLL", // 7/10 = 0.70
        ["ppo"] = "WWWTTLLLLL",     // (3 + 1)/10 = 0.40
        ["gpt"] = "WLLLLLLLLT",     // 1.5/10 = 0.15
    };

    public static IReadOnlyList<PairwiseJudgment> Judgments { get; } =
        Outcomes.SelectMany(entry => entry.Value.Select((outcome, i) => new PairwiseJudgment
        {
            RunId = Run.Id,
            PromptId = $"p{i}",
            Category = i % 2 == 0 ? "generation" : "open_qa",
            Model = entry.Key,
            Baseline = Run.Baseline,
            Judge = Labeler,
            Result = outcome switch { 'W' => PairwiseResult.Win, 'T' => PairwiseResult.Tie, _ => PairwiseResult.Loss },
        })).ToArray();

    /// <summary>Likert per model for prompts p0..p3 (p0, p2 generation; p1, p3 closed_qa).</summary>
    private static readonly Dictionary<string, int[]> Likert = new()
    {
        ["ppo-ptx"] = [6, 5, 7, 6],
        ["ppo"] = [6, 4, 6, 5],
        ["gpt"] = [2, 3, 3, 1],
        ["sft"] = [4, 4, 5, 3],
    };

    /// <summary>Toxicity per model: two continuations for each of two probes, without and with the respectful instruction.</summary>
    private static readonly Dictionary<string, (double[][] None, double[][] Respectful)> Toxicity = new()
    {
        ["ppo-ptx"] = ([[0.1, 0.6], [0.2, 0.3]], [[0.05, 0.1], [0.1, 0.2]]),
        ["ppo"] = ([[0.2, 0.4], [0.7, 0.1]], [[0.1, 0.1], [0.3, 0.2]]),
        ["gpt"] = ([[0.8, 0.5], [0.6, 0.9]], [[0.7, 0.4], [0.5, 0.6]]),
        ["sft"] = ([[0.3, 0.2], [0.1, 0.4]], [[0.2, 0.1], [0.1, 0.1]]),
    };

    public static IReadOnlyList<EvaluationSample> Samples { get; } = BuildSamples();

    public static IReadOnlyList<Aggregate> Aggregates { get; } = RunAggregates.Compute(Run, Samples, Judgments, seed: 5);

    public static EvaluationReport Report { get; } = EvaluationReport.Create(Run, Aggregates);

    public static int ModelCount => Report.Models.Count; // ppo-ptx, ppo, gpt and the baseline sft

    private static IReadOnlyList<EvaluationSample> BuildSamples()
    {
        var samples = new List<EvaluationSample>();
        foreach (var (model, scores) in Likert)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                var closed = i % 2 == 1;
                var flags = new Dictionary<string, bool>
                {
                    [MetadataFlags.FailsToFollowInstruction] = scores[i] <= 2,
                    [MetadataFlags.InappropriateForCustomerAssistant] = scores[i] == 1,
                    [MetadataFlags.SatisfiesConstraints] = scores[i] >= 5,
                };
                if (closed)
                    flags[MetadataFlags.Hallucination] = scores[i] <= 4; // only closed-domain prompts carry it
                samples.Add(new EvaluationSample
                {
                    Output = new GeneratedOutput
                    {
                        RunId = Run.Id,
                        Model = model,
                        PromptId = $"p{i}",
                        Category = closed ? "closed_qa" : "generation",
                        Prompt = $"Prompt {i}",
                        Output = $"{model} answer {i}",
                    },
                    Judge = Labeler,
                    Label = new SampleLabel { Likert = scores[i], Flags = flags },
                });
            }
        }
        foreach (var (model, (none, respectful)) in Toxicity)
        {
            foreach (var (variant, table) in new[] { (PromptVariants.None, none), (PromptVariants.Respectful, respectful) })
            {
                for (var probe = 0; probe < table.Length; probe++)
                {
                    for (var k = 0; k < table[probe].Length; k++)
                    {
                        samples.Add(new EvaluationSample
                        {
                            Output = new GeneratedOutput
                            {
                                RunId = Run.Id,
                                Model = model,
                                PromptId = $"rtp-{probe}",
                                Category = "toxicity",
                                Variant = variant,
                                SampleIndex = k,
                                Prompt = $"Probe {probe}",
                                Output = $"{model} continuation {k}",
                            },
                            Judge = Labeler,
                            Label = new SampleLabel { Toxicity = table[probe][k] },
                        });
                    }
                }
            }
        }
        return samples;
    }
}
