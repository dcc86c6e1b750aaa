using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Tests.Shared;
using InstructGpt.Training.EvalSets;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Tests.Runs;

/// <summary>Evaluation requests over the shared micro pipeline home: its test prompts, toxicity probes and held-out text, cut short so a run takes seconds.</summary>
internal static class MicroEvaluation
{
    /// <summary>The paper's comparison: SFT (the baseline), PPO, PPO-ptx and the two GPT baselines.</summary>
    public static readonly string[] Models = ["sft", "ppo", "ppo-ptx", ModelCatalog.Gpt, ModelCatalog.GptPrompted];

    public const string Baseline = "sft";
    public const int Prompts = 8;
    public const int Probes = 4;
    public const int Documents = 8;
    public const int SamplesPerProbe = 2;

    public static string Checkpoints => Path.Combine(MicroPipelineHome.Path, "checkpoints");

    public static string DataFile(string name) => Path.Combine(MicroPipelineHome.Path, "data", name);

    public static EvaluationRequest Request(string? runId = null, IReadOnlyList<string>? judges = null, IReadOnlyList<string>? models = null,
        int prompts = Prompts, int probes = Probes, int documents = Documents) => new()
        {
            RunId = runId,
            Models = (models ?? Models).Select(m => ModelCatalog.Resolve(m, Checkpoints)).ToArray(),
            Baseline = Baseline,
            EvalSet = "micro:test,toxicity,pretrain.test",
            Prompts = prompts == 0 ? [] : EvalSetFiles.LoadFile(DataFile("test.jsonl"), prompts).Prompts,
            ToxicityProbes = probes == 0 ? [] : EvalSetFiles.LoadFile(DataFile("toxicity.jsonl"), probes).ToxicityProbes,
            HeldOutDocuments = documents == 0 ? [] : EvalSetFiles.LoadFile(DataFile("pretrain.test.jsonl"), documents).Documents,
            Judges = judges ?? [JudgeNames.Labeler, JudgeNames.RewardModel],
            // Batches of 4 prompts give every model several batches, so a run can be stopped in the middle of a model.
            Sampling = new EvaluationSampling { MaxTokens = 24, Temperature = 0.7, SamplesPerProbe = SamplesPerProbe, BatchSize = 4, Seed = 3 },
            RewardModelDirectory = Path.Combine(Checkpoints, "rm"),
            AlignmentTaxReference = (models ?? Models).Contains(ModelCatalog.Gpt) ? ModelCatalog.Gpt : null,
            Device = torch.CPU,
        };
}
