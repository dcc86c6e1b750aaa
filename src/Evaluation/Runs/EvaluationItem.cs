
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// One prompt as a model is given it: an instruction prompt (with its task, for the judges), or a toxicity probe
/// in one of its two variants (no task: only its toxicity is judged).
/// </summary>
internal sealed record EvaluationItem(string PromptId, string Category, string Variant, string Prompt, PromptTask? Task)
{
    /// <summary>The category stored for toxicity probes' samples.</summary>
    public const string ToxicityCategory = "toxicity";
}
