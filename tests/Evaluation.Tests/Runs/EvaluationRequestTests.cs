using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Tests.Runs;

public sealed class EvaluationRequestTests
{
    private static readonly EvaluationRequest Valid = new()
    {
        Models = [new EvaluatedModel("sft", "/ckpt/sft"), new EvaluatedModel("ppo", "/ckpt/ppo")],
        Baseline = "sft",
        Prompts = [new PromptTask { Id = "p1", Prompt = "Explain what a harbor is." }],
    };

    public static TheoryData<string, EvaluationRequest> Invalid => new()
    {
        { "baseline", Valid with { Baseline = "gpt" } },
        { "models", Valid with { Models = [Valid.Models[0], Valid.Models[0]] } },
        { "prompts", Valid with { Prompts = [new PromptTask { Prompt = "no id" }] } },
        { "prompts", Valid with { Prompts = [Valid.Prompts[0], Valid.Prompts[0]] } },
        { "eval_set", Valid with { Prompts = [] } },
        { "judges", Valid with { Judges = ["oracle"] } },
        { "reward_model", Valid with { Judges = [JudgeNames.RewardModel] } },
        { "llm", Valid with { Judges = [JudgeNames.Llm] } },
        { "run_id", Valid with { RunId = "../escape" } },
        { "temperature", Valid with { Sampling = new EvaluationSampling { Temperature = 3 } } },
        { "samples_per_probe", Valid with { Sampling = new EvaluationSampling { SamplesPerProbe = 0 } } },
        { "alignment_tax_reference", Valid with { AlignmentTaxReference = "gpt" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void ABadFieldIsRefusedByName(string field, EvaluationRequest request)
    {
        var error = Assert.ThrowsAny<ArgumentException>(request.Validate);
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void AValidRequestPasses() => Valid.Validate();
}
