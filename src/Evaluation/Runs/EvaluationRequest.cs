using InstructGpt.Evaluation.Judges;
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// Everything an evaluation run needs: the models (the baseline among them), what they are evaluated on
/// (instruction prompts, toxicity probes, held-out text), how they sample, and who judges. The same request
/// with the same <see cref="RunId"/> resumes a run.
/// </summary>
public sealed record EvaluationRequest
{
    /// <summary>
    /// The labeler seed of the evaluation: the training pipeline's labeler has the pipeline's seed (1 by default),
    /// and the paper judged its models with held-out labelers. Two seeds agree on about 73% of pairs
    /// (eval-sets/README.md), as InstructGPT's labelers did.
    /// </summary>
    public const long HeldOutLabelerSeed = 2;

    /// <summary>The run to create or resume; null makes a new id.</summary>
    public string? RunId { get; init; }

    /// <summary>Every model to evaluate, the baseline included; each is compared with the baseline prompt by prompt.</summary>
    public required IReadOnlyList<EvaluatedModel> Models { get; init; }

    /// <summary>The name of the model every other one is compared with (InstructGPT Figure 1: the SFT model).</summary>
    public required string Baseline { get; init; }

    /// <summary>A label for what was evaluated (for example "test,toxicity,pretrain.test"), stored with the run.</summary>
    public string EvalSet { get; init; } = "custom";

    /// <summary>Instruction prompts: win rate, Likert, metadata, reward-model score.</summary>
    public IReadOnlyList<PromptTask> Prompts { get; init; } = [];

    /// <summary>Toxicity probes, each continued <see cref="EvaluationSampling.SamplesPerProbe"/> times with and without the respectful instruction.</summary>
    public IReadOnlyList<ToxicityPrompt> ToxicityProbes { get; init; } = [];

    /// <summary>Held-out pretraining text for perplexity and the alignment tax.</summary>
    public IReadOnlyList<HeldOutDocument> HeldOutDocuments { get; init; } = [];

    /// <summary>The judges by name (<see cref="JudgeNames"/>), the primary one first: charts show the first judge with results.</summary>
    public IReadOnlyList<string> Judges { get; init; } = [JudgeNames.Labeler];

    public EvaluationSampling Sampling { get; init; } = new();

    public SimulatedLabelerOptions Labeler { get; init; } = new() { Seed = HeldOutLabelerSeed };

    /// <summary>The reward model's checkpoint, for the "rm" judge.</summary>
    public string? RewardModelDirectory { get; init; }

    /// <summary>The endpoint and model of the "llm" judge.</summary>
    public LlmJudgeOptions? LlmJudge { get; init; }

    /// <summary>The model whose perplexity the alignment tax is measured against; null for the baseline.</summary>
    public string? AlignmentTaxReference { get; init; }

    /// <summary>Where to write report.json, report.md, report.html and the SVG charts; null writes none.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Where models run; null for libtorch's default device.</summary>
    public Device? Device { get; init; }

    public ScalarType DType { get; init; } = ScalarType.Float32;

    public string TaxReference => AlignmentTaxReference ?? Baseline;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is missing or out of range.</summary>
    public void Validate()
    {
        Sampling.Validate();
        if (RunId is not null && !RunIds.IsValid(RunId))
            throw new ArgumentException($"run_id '{RunId}' is not valid: use 1-64 letters, digits, '.', '_' or '-'", "run_id");
        if (Models.Count == 0) throw new ArgumentException("models: give at least one model", "models");
        Unique(Models.Select(m => m.Name), "models");
        foreach (var model in Models)
        {
            if (string.IsNullOrWhiteSpace(model.Name)) throw new ArgumentException("models: a model name is empty", "models");
            if (model.Name == Metrics.Aggregate.AllCategories) throw new ArgumentException($"models: '{model.Name}' is reserved; rename the model", "models");
        }
        if (Models.All(m => m.Name != Baseline))
            throw new ArgumentException($"baseline '{Baseline}' is not one of the models ({string.Join(", ", Models.Select(m => m.Name))})", "baseline");
        if (Models.All(m => m.Name != TaxReference))
            throw new ArgumentException($"alignment_tax_reference '{TaxReference}' is not one of the models ({string.Join(", ", Models.Select(m => m.Name))})", "alignment_tax_reference");
        if (Prompts.Count == 0 && ToxicityProbes.Count == 0 && HeldOutDocuments.Count == 0)
            throw new ArgumentException("give prompts, toxicity probes or held-out documents to evaluate on", "eval_set");
        foreach (var task in Prompts)
            if (string.IsNullOrEmpty(task.Id)) throw new ArgumentException($"prompts: the prompt \"{Shorten(task.Prompt)}\" has no id", "prompts");
        Unique(Prompts.Select(p => p.Id), "prompts");
        foreach (var probe in ToxicityProbes)
            if (string.IsNullOrEmpty(probe.Id)) throw new ArgumentException($"toxicity_probes: the probe \"{Shorten(probe.Prompt)}\" has no id", "toxicity_probes");
        Unique(ToxicityProbes.Select(p => p.Id), "toxicity_probes");
        Unique(HeldOutDocuments.Select(d => d.Id), "held_out_documents");
        if (Judges.Count == 0) throw new ArgumentException($"judges: give at least one of {string.Join(", ", JudgeNames.All)}", "judges");
        Unique(Judges, "judges");
        foreach (var judge in Judges)
            if (!JudgeNames.All.Contains(judge)) throw new ArgumentException($"judges: unknown judge '{judge}'; expected {string.Join(", ", JudgeNames.All)}", "judges");
        if (Judges.Contains(JudgeNames.RewardModel) && string.IsNullOrEmpty(RewardModelDirectory))
            throw new ArgumentException("the rm judge needs the reward model's checkpoint directory", "reward_model");
        if (Judges.Contains(JudgeNames.Llm))
        {
            if (LlmJudge is null) throw new ArgumentException("the llm judge needs a base URL and a model", "llm");
            LlmJudge.Validate();
        }
    }

    private static void Unique(IEnumerable<string> values, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
            if (!seen.Add(value)) throw new ArgumentException($"{field}: '{value}' appears twice; ids and names must be unique", field);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
