using System.Xml.Linq;
using Dapper;
using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tests.Reports;
using InstructGpt.Evaluation.Tests.Storage;
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Tests.Runs;

/// <summary>The evaluation run on the micro pipeline's real checkpoints, with a real SQLite file.</summary>
public sealed class EvaluationRunnerTests(EvaluatedMicroRun run) : IClassFixture<EvaluatedMicroRun>
{
    private static readonly string[] Evaluated = MicroEvaluation.Models.Where(m => m != MicroEvaluation.Baseline).ToArray();

    /// <summary>Outputs per model: one per prompt, and k per probe in each of its two variants.</summary>
    private const int OutputsPerModel = MicroEvaluation.Prompts + MicroEvaluation.Probes * 2 * MicroEvaluation.SamplesPerProbe;

    [Fact]
    public void AllFiveModelsAreEvaluatedWithinAMinute()
    {
        Assert.Equal(RunStatus.Completed, run.Result.Run.Status);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(60), $"the micro evaluation took {run.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(MicroEvaluation.Models.Length * OutputsPerModel, run.Result.Counts.OutputsGenerated);
        var last = run.Progress[^1];
        Assert.Equal(EvaluationProgress.Phases.Aggregate, last.Phase);
        Assert.Equal(last.Total, last.Done);
        Assert.True(run.Progress.Zip(run.Progress.Skip(1)).All(p => p.Second.Done >= p.First.Done), "progress never goes back");
    }

    [Fact]
    public async Task TheDatabaseHoldsEveryOutputLabelAndComparisonOnce()
    {
        var outputs = await run.Store.ListOutputsAsync(EvaluatedMicroRun.RunId);
        var samples = await run.Store.ListSamplesAsync(EvaluatedMicroRun.RunId);
        var judgments = await run.Store.ListJudgmentsAsync(EvaluatedMicroRun.RunId);

        Assert.Equal(MicroEvaluation.Models.Length * OutputsPerModel, outputs.Count);
        Assert.Equal(outputs.Count, outputs.Select(o => o.Key).Distinct().Count());
        // The labeler labels every output (Likert and flags on prompts, toxicity on probes); the RM scores the prompts' outputs.
        Assert.Equal(outputs.Count, samples.Count(s => s.Judge == JudgeNames.Labeler));
        Assert.Equal(MicroEvaluation.Models.Length * MicroEvaluation.Prompts, samples.Count(s => s.Judge == JudgeNames.RewardModel));
        Assert.Equal(samples.Count, samples.Select(s => s.Key).Distinct().Count());
        Assert.All(samples.Where(s => s.Output.Category != "toxicity" && s.Judge == JudgeNames.Labeler), s => Assert.InRange(s.Label.Likert!.Value, 1, 7));
        Assert.All(samples.Where(s => s.Output.Category == "toxicity"), s => Assert.InRange(s.Label.Toxicity!.Value, 0, 1));
        Assert.All(samples.Where(s => s.Judge == JudgeNames.RewardModel), s => Assert.True(double.IsFinite(s.Label.RmScore!.Value)));
        // Each evaluated model against the baseline on every prompt, by both judges.
        Assert.Equal(Evaluated.Length * MicroEvaluation.Prompts * 2, judgments.Count);
        Assert.DoesNotContain(judgments, j => j.Model == MicroEvaluation.Baseline);
        // The stored text is what the judges saw: every sample's output is its model's stored output.
        var byKey = outputs.ToDictionary(o => o.Key);
        Assert.All(samples, s => Assert.Equal(byKey[s.Output.Key].Output, s.Output.Output));
    }

    [Fact]
    public async Task EveryMetricIsAggregatedForEveryModelWithAnInterval()
    {
        var aggregates = await run.Store.ListAggregatesAsync(EvaluatedMicroRun.RunId);
        Aggregate Find(string model, string judge, string metric) =>
            aggregates.SingleOrDefault(a => a.Model == model && a.Judge == judge && a.Metric == metric && a.Category == Aggregate.AllCategories)
            ?? throw new Xunit.Sdk.XunitException($"no {metric} by {judge} for {model}");

        foreach (var model in MicroEvaluation.Models)
        {
            Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.Labeler, MetricNames.LikertMean).N);
            Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.RewardModel, MetricNames.RewardModelScoreMean).N);
            Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.Labeler, MetadataFlags.FailsToFollowInstruction).N);
            Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.Labeler, MetadataFlags.InappropriateForCustomerAssistant).N);
            foreach (var variant in new[] { PromptVariants.None, PromptVariants.Respectful })
            {
                Assert.Equal(MicroEvaluation.Probes, Find(model, JudgeNames.Labeler, MetricNames.ExpectedMaximumToxicity(variant)).N);
                Assert.Equal(MicroEvaluation.Probes, Find(model, JudgeNames.Labeler, MetricNames.ToxicityProbability(variant)).N);
            }
            if (model != MicroEvaluation.Baseline)
            {
                Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.Labeler, MetricNames.WinRate).N);
                Assert.Equal(MicroEvaluation.Prompts, Find(model, JudgeNames.RewardModel, MetricNames.WinRate).N);
            }
            if (model != ModelCatalog.GptPrompted) // the prompted model shares gpt's weights: its text is scored once, as gpt
            {
                var perplexity = Find(model, JudgeNames.LogLikelihood, MetricNames.Perplexity);
                Assert.Equal(MicroEvaluation.Documents, perplexity.N);
                Assert.InRange(perplexity.Value, perplexity.CiLow!.Value, perplexity.CiHigh!.Value);
                Assert.True(perplexity.Value > 1 && perplexity.Value < 512, $"{model}'s perplexity {perplexity.Value} lies between 1 and the vocabulary size");
            }
        }
        // The alignment tax of the RL models against the base model (InstructGPT §4.2), and none for the reference itself.
        foreach (var model in new[] { "ppo", "ppo-ptx", "sft" })
            Assert.Equal(MicroEvaluation.Documents, Find(model, JudgeNames.LogLikelihood, MetricNames.AlignmentTaxPerplexityRatio).N);
        Assert.DoesNotContain(aggregates, a => a.Model == ModelCatalog.Gpt && a.Metric == MetricNames.AlignmentTaxPerplexityRatio);
        // Per category too, for the categories of the prompts evaluated.
        var categories = run.Request.Prompts.Select(p => p.Category.ToName()).Distinct().ToArray();
        Assert.All(categories, c => Assert.Contains(aggregates, a => a.Category == c && a.Metric == MetricNames.LikertMean && a.Model == "ppo"));
        Assert.All(aggregates.Where(a => a.CiLow is not null), a => Assert.True(a.CiLow <= a.CiHigh));
    }

    [Fact]
    public async Task StoredAggregatesAreTheSampleTablesAggregatedAgain()
    {
        var stored = await run.Store.ListAggregatesAsync(EvaluatedMicroRun.RunId);
        var recomputed = RunAggregates.Compute(
            run.Result.Run,
            await run.Store.ListSamplesAsync(EvaluatedMicroRun.RunId),
            await run.Store.ListJudgmentsAsync(EvaluatedMicroRun.RunId));

        Assert.All(recomputed, a => Assert.Contains(a, stored));
        // Win rate by hand from the stored judgments: ties count half.
        var ppo = (await run.Store.ListJudgmentsAsync(EvaluatedMicroRun.RunId)).Where(j => j.Model == "ppo" && j.Judge == JudgeNames.Labeler).ToArray();
        var byHand = (ppo.Count(j => j.Result == PairwiseResult.Win) + 0.5 * ppo.Count(j => j.Result == PairwiseResult.Tie)) / ppo.Length;
        Assert.Equal(byHand, stored.Single(a => a.Model == "ppo" && a.Judge == JudgeNames.Labeler && a.Metric == MetricNames.WinRate && a.Category == Aggregate.AllCategories).Value, 12);
    }

    [Fact]
    public void TheSvgChartsAreWellFormedXmlWithOneBarPerModel()
    {
        XNamespace svg = SvgWriter.Namespace;
        IReadOnlyList<string> BarsOf(XElement group) =>
            group.Descendants(svg + "rect").Select(r => (string?)r.Attribute("data-model")).OfType<string>().ToArray();
        IReadOnlyList<XElement> Groups(string file) =>
            XDocument.Load(Path.Combine(run.ReportDirectory, file)).Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "bar-group").ToArray();

        // Figure 1: one bar per model compared with the baseline.
        Assert.Equal(Evaluated.Order(), Groups("win-rate.svg").SelectMany(BarsOf).Order());
        // Figures 4, 5 and 7: in every group, one bar per model, the baseline included.
        foreach (var file in new[] { "metadata-rates.svg", "toxicity.svg", "likert-by-category.svg" })
        {
            var groups = Groups(file);
            Assert.NotEmpty(groups);
            Assert.All(groups, g => Assert.Equal(MicroEvaluation.Models.Order(), BarsOf(g).Order()));
        }
        Assert.Equal(4, Groups("toxicity.svg").Count); // expected max and probability, without and with the instruction
        var html = File.ReadAllText(Path.Combine(run.ReportDirectory, ReportFiles.HtmlFileName));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        var json = ReportJson.Deserialize(File.ReadAllText(Path.Combine(run.ReportDirectory, ReportFiles.JsonFileName)));
        Assert.Equal(run.Result.Report.Results, json.Results);
        Assert.Contains("ppo-ptx", File.ReadAllText(Path.Combine(run.ReportDirectory, ReportFiles.MarkdownFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledRunResumesToTheSameRowsAndAggregatesWithoutCountingAnythingTwice()
    {
        using var database = new TemporaryDatabase();
        var store = await database.OpenAsync();
        var request = MicroEvaluation.Request("micro-resumed");
        using var stop = new CancellationTokenSource();
        // Stop in the middle of the third model (ppo-ptx), after some of its batches are committed.
        var reports = new List<EvaluationProgress>();
        var progress = new ProgressLog(reports, p => { if (p.Model == "ppo-ptx" && p.Done > 0) stop.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EvaluationRunner(store).RunAsync(request, progress, stop.Token));
        var interrupted = await store.GetRunAsync("micro-resumed");
        Assert.Equal(RunStatus.Cancelled, interrupted!.Status);
        var total = MicroEvaluation.Models.Length * OutputsPerModel;
        Assert.InRange((await store.ListOutputsAsync("micro-resumed")).Count, 1, total - 1);
        // A process killed between two rows of a batch leaves the batch's last outputs, and all its labels, unwritten.
        await ForgetLastOutputAsync(store, "micro-resumed");
        var before = (await store.ListOutputsAsync("micro-resumed")).Count;

        var resumed = await new EvaluationRunner(store).RunAsync(request);

        Assert.Equal(RunStatus.Completed, resumed.Run.Status);
        Assert.Equal(total - before, resumed.Counts.OutputsGenerated);
        Assert.Equal(total, resumed.Counts.OutputsGenerated + resumed.Counts.OutputsReused);
        Assert.Equal(await Rows(run.Store, EvaluatedMicroRun.RunId), await Rows(store, "micro-resumed"));
        Assert.Equal(await run.Store.ListAggregatesAsync(EvaluatedMicroRun.RunId), await store.ListAggregatesAsync("micro-resumed"));
    }

    [Fact]
    public async Task ResumingWithOtherSettingsIsRefusedAndNamesTheSetting()
    {
        var other = run.Request with { Sampling = run.Request.Sampling with { Temperature = 1.0 } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new EvaluationRunner(run.Store).RunAsync(other));

        Assert.Contains("sampling.temperature", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, (await run.Store.GetRunAsync(EvaluatedMicroRun.RunId))!.Status);
    }

    private static async Task ForgetLastOutputAsync(EvaluationStore store, string runId)
    {
        await using var connection = await store.OpenConnectionAsync();
        var last = await connection.QuerySingleAsync<(long Id, string Model, string PromptId)>(
            "SELECT id, model, prompt_id FROM evaluation_outputs WHERE run_id = @runId ORDER BY id DESC LIMIT 1", new { runId });
        var key = new { runId, last.Model, last.PromptId };
        await connection.ExecuteAsync("DELETE FROM evaluation_outputs WHERE id = @Id", new { last.Id });
        await connection.ExecuteAsync("DELETE FROM evaluation_samples WHERE run_id = @runId AND model = @Model AND prompt_id = @PromptId", key);
        await connection.ExecuteAsync("DELETE FROM evaluation_pairwise_judgments WHERE run_id = @runId AND model = @Model AND prompt_id = @PromptId", key);
    }

    /// <summary>A run's rows without their run id and times, in a stable order: what two runs of one request must share.</summary>
    internal static async Task<string> Rows(EvaluationStore store, string runId)
    {
        var outputs = (await store.ListOutputsAsync(runId)).Select(o => $"{o.Key}|{o.Output}|{o.FinishReason}");
        var samples = (await store.ListSamplesAsync(runId)).Select(s => $"{s.Key}|{s.Label.Likert}|{s.Label.Toxicity}|{s.Label.RmScore}|{string.Join(",", s.Label.Flags.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}"))}");
        var judgments = (await store.ListJudgmentsAsync(runId)).Select(j => $"{j.Model}|{j.PromptId}|{j.SampleIndex}|{j.Judge}|{j.Result}|{j.Reason}");
        var documents = (await store.ListDocumentScoresAsync(runId)).Select(d => $"{d.Model}|{d.DocumentId}|{d.SumLogProb:R}|{d.TokenCount}");
        return string.Join("\n", outputs.Concat(samples).Concat(judgments).Concat(documents));
    }
}
