using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tests.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Tests.Runs;

public sealed class HumanLabelsRunTests
{
    [Fact]
    public async Task HumanLabelsInTheDatabaseJudgeTheOutputsTheyLabelAndNoOthers()
    {
        using var database = new TemporaryDatabase();
        var store = await database.OpenAsync();
        var request = MicroEvaluation.Request("with-people", [JudgeNames.Labeler, JudgeNames.Human], ["sft", "ppo"], prompts: 4, probes: 0, documents: 0);
        await new EvaluationRunner(store).RunAsync(request);
        Assert.DoesNotContain(await store.ListSamplesAsync("with-people"), s => s.Judge == JudgeNames.Human);

        // People label both models' answers to the first prompt; ppo's is better in their eyes.
        var outputs = await store.ListOutputsAsync("with-people");
        var first = request.Prompts[0].Id;
        var sft = outputs.Single(o => o.Model == "sft" && o.PromptId == first);
        var ppo = outputs.Single(o => o.Model == "ppo" && o.PromptId == first);
        await Label(store, sft, 3, "ann");
        await Label(store, sft, 2, "bob");
        await Label(store, ppo, 6, "ann", hallucinates: true);
        await Label(store, ppo, 5, "bob", hallucinates: false);
        await Label(store, ppo, 6, "cyd", hallucinates: true);

        var rerun = await new EvaluationRunner(store).RunAsync(request);

        var human = (await store.ListSamplesAsync("with-people")).Where(s => s.Judge == JudgeNames.Human).ToArray();
        Assert.Equal(2, human.Length);
        Assert.Equal(2, rerun.Counts.SamplesRecorded); // nothing else was labeled again
        Assert.Equal(3, human.Single(s => s.Output.Model == "sft").Label.Likert); // median of 2 and 3, rounded half away from zero
        Assert.Equal(6, human.Single(s => s.Output.Model == "ppo").Label.Likert);
        Assert.True(human.Single(s => s.Output.Model == "ppo").Label.Flags[MetadataFlags.Hallucination]); // two of three
        var judgment = (await store.ListJudgmentsAsync("with-people")).Single(j => j.Judge == JudgeNames.Human);
        Assert.Equal((first, PairwiseResult.Win), (judgment.PromptId, judgment.Result));
        Assert.Equal(1.0, rerun.Report.Find("ppo", JudgeNames.Human, MetricNames.WinRate)!.Value);
    }

    private static Task<HumanLabel> Label(EvaluationStore store, GeneratedOutput output, int likert, string labeler, bool? hallucinates = null) =>
        store.AddHumanLabelAsync(new HumanLabel
        {
            Prompt = output.Prompt,
            Output = output.Output,
            Likert = likert,
            Labeler = labeler,
            Flags = hallucinates is { } h ? new Dictionary<string, bool> { [MetadataFlags.Hallucination] = h } : new Dictionary<string, bool>(),
        });
}
