using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Tasks;

namespace InstructGpt.Evaluation.Tests.Runs;

public sealed class RunConfigurationTests
{
    private static EvaluationRequest Request() => new()
    {
        Models = [new EvaluatedModel("sft", "/ckpt/sft"), new EvaluatedModel("ppo", "/ckpt/ppo")],
        Baseline = "sft",
        Prompts = [new PromptTask { Id = "p1", Prompt = "Explain what a harbor is.", Reference = "A port." }],
        LlmJudge = new LlmJudgeOptions { BaseUrl = "http://127.0.0.1:1/v1", Model = "judge", ApiKey = "secret-key" },
        Judges = [JudgeNames.Labeler, JudgeNames.Llm],
    };

    [Fact]
    public void TheSameRequestMatchesAndTheKeyIsNeverStored()
    {
        var json = RunConfiguration.Json(Request());

        RunConfiguration.EnsureSame("r", json, RunConfiguration.Json(Request() with { RunId = "r", ReportDirectory = "/elsewhere" }));
        Assert.DoesNotContain("secret-key", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sampling.seed")]
    [InlineData("prompts.sha256")]
    [InlineData("models[1].checkpoint")]
    [InlineData("judges")]
    public void AChangedSettingIsNamed(string path)
    {
        var request = Request();
        var changed = path switch
        {
            "sampling.seed" => request with { Sampling = request.Sampling with { Seed = 9 } },
            "prompts.sha256" => request with { Prompts = [request.Prompts[0] with { Reference = "A harbor." }] },
            "models[1].checkpoint" => request with { Models = [request.Models[0], new EvaluatedModel("ppo", "/other/ppo")] },
            _ => request with { Judges = [JudgeNames.Labeler] },
        };

        var error = Assert.Throws<ArgumentException>(() => RunConfiguration.EnsureSame("r", RunConfiguration.Json(request), RunConfiguration.Json(changed)));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("run_id", error.ParamName);
    }
}
