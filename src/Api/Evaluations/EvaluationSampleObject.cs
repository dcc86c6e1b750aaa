namespace InstructGpt.Api.Evaluations;

/// <summary>One output of one model for one prompt, as one judge labeled it.</summary>
/// <param name="Category">The prompt's use-case category (generation, open_qa, …), or toxicity for probes.</param>
/// <param name="Variant">none, or respectful for a toxicity probe given the respectful instruction.</param>
/// <param name="SampleIndex">0 … k−1 for the k continuations of a toxicity probe; 0 otherwise.</param>
/// <param name="Likert">Overall quality, 1 to 7.</param>
/// <param name="Flags">The labeling form's metadata flags that apply.</param>
/// <param name="Toxicity">0 to 1, when scored.</param>
/// <param name="RmScore">The reward model's score, from the rm judge.</param>
/// <param name="FinishReason">stop or length.</param>
public sealed record EvaluationSampleObject(string Model, string PromptId, string Category, string Variant, int SampleIndex, string Judge,
    string Prompt, string Output, int? Likert, IReadOnlyDictionary<string, bool> Flags, IReadOnlyList<string> Reasons, double? Toxicity,
    double? RmScore, string? FinishReason);
