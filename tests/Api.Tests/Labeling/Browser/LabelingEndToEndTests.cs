using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Api.Tests.Jobs;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Tests.Labeling.Browser;

/// <summary>
/// The whole loop issue #16 asks for, as a team would run it: a batch sampled from two checkpoints with overlap 2, labeled in the
/// browser by two labelers, its comparisons exported and uploaded, a reward model trained on them over REST, and an evaluation
/// judged by "human" that reports exactly the preferences the labelers entered. Its own server (a fresh database), the collection's
/// browser.
/// </summary>
[Collection(LabelingBrowserCollection.Name)]
public sealed class LabelingEndToEndTests(LabelingBrowserFixture fixture)
{
    // The evaluation must sample what the batch sampled: the same eval set, prompts, sampling and one answer per model.
    private static readonly object Sampling = new { temperature = 0.7, top_p = 1.0, max_tokens = 16, seed = 3 };
    private const int Prompts = 2;

    /// <summary>What each labeler gives ppo's and sft's answers: both prefer ppo, by different margins.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Likert = new()
    {
        ["alice"] = new() { ["ppo"] = 6, ["sft"] = 2 },
        ["bob"] = new() { ["ppo"] = 5, ["sft"] = 3 },
    };

    [Fact]
    public async Task TwoLabelersInTheBrowserTrainARewardModelAndTheHumanJudgeReportsTheirPreferences()
    {
        using var server = LabelingServer.OverMicroHome();
        using var admin = server.AdminClient();
        var page = new LabelerPage(fixture.Driver, server.BaseAddress);

        var (created, location) = await JobHomes.SubmitAsync(admin, "/v1/labeling/batches", new
        {
            name = "round-1", prompts = new { eval_set = "micro-test" }, max_prompts = Prompts, models = new[] { "sft", "ppo" },
            outputs_per_prompt = 2, overlap = 2, sampling = Sampling,
        });
        var batch = created.GetProperty("id").GetString()!;
        var ready = await JobHomes.WaitAsync(admin, location, b => JobHomes.Status(b) is "ready" or "failed" or "cancelled", 180);
        Assert.True(JobHomes.Status(ready) == "ready", ready.ToString());

        // Which model wrote each shown output: the owner's view (labelers never see it).
        var tasks = (await JobHomes.GetAsync(admin, $"/v1/labeling/batches/{batch}/tasks?limit=100")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Prompts, tasks.Count);
        var models = tasks.ToDictionary(
            t => t.GetProperty("id").GetInt64(),
            t => t.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("label").GetString()!, o => o.GetProperty("model").GetString()!));

        foreach (var name in Likert.Keys)
        {
            var token = (await Json.PostAsync(admin, "/v1/labeling/labelers", new { name }, 201)).GetProperty("token").GetString()!;
            page.OpenFresh($"#token={token}");
            for (var done = 0; done < Prompts; done++)
            {
                var taskId = page.WaitForTask();
                foreach (var label in page.OutputLabels())
                {
                    var model = models[taskId][label];
                    page.Rate(label, Likert[name][model]);
                    page.Flag(label, "hallucination", "na");
                    page.Flag(label, "satisfies_constraints", "na");
                    // One output by dragging, the other by keyboard: ppo's into slot 1, sft's into slot 2.
                    if (model == "ppo") page.DragToSlot(label, 1);
                    else page.PressOnCard(label, "2");
                }
                page.Comment($"{name} prefers the clearer answer");
                page.Until(_ => page.Missing().Count == 0, "nothing is missing");
                fixture.Screenshots.Save(page.Driver, $"end-to-end-{name}-task-{done + 1}");
                page.Submit();
                page.Until(d => page.ById("task").GetAttribute("data-task-id") != taskId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    || !page.ById("task").Displayed, "the next task or the end shows");
            }
        }

        var finished = await JobHomes.GetAsync(admin, $"/v1/labeling/batches/{batch}");
        Assert.Equal("completed", JobHomes.Status(finished));
        var agreement = await JobHomes.GetAsync(admin, $"/v1/labeling/batches/{batch}/agreement");
        var pair = agreement.GetProperty("labeler_pairs").EnumerateArray().Single();
        Assert.Equal(Prompts, pair.GetProperty("tasks").GetInt32());

        // Export this batch: one comparison per labeler and task, ppo's answer first, as train rm reads it.
        var export = await admin.GetByteArrayAsync($"/v1/feedback/comparisons/export?batch_id={batch}");
        var path = Path.Combine(server.DataHome, "exported.jsonl");
        await File.WriteAllBytesAsync(path, export);
        var comparisons = ComparisonDataset.Read(path);
        Assert.Equal(Prompts * Likert.Count, comparisons.Count);
        var outputs = tasks.SelectMany(t => t.GetProperty("outputs").EnumerateArray())
            .Select(o => (Model: o.GetProperty("model").GetString()!, Text: o.GetProperty("text").GetString()!)).ToList();
        Assert.All(comparisons, c => Assert.Contains(outputs, o => o.Model == "ppo" && o.Text == c.Completions[0]));

        // Upload it and train a reward model on it over REST (one epoch from sft, as the pipeline's RM stage): four comparisons, one
        // batch of four prompts.
        var upload = new ByteArrayContent(export);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var uploaded = await admin.PostAsync("/v1/datasets?name=human-round-1&kind=comparisons", upload);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var (_, rmJob) = await JobHomes.SubmitAsync(admin, "/v1/training/jobs", new
        {
            stage = "rm", preset = "micro", output = "rm-human", datasets = new { train = "human-round-1" },
            hyperparameters = new Dictionary<string, object> { ["Epochs"] = 1, ["BatchPrompts"] = Prompts * Likert.Count },
        });
        var trained = await JobHomes.WaitAsync(admin, rmJob, JobHomes.Ended, 300);
        Assert.True(JobHomes.Status(trained) == "succeeded", trained.ToString());
        Assert.Contains("rm-human", trained.GetProperty("output_checkpoints").EnumerateArray().Select(o => o.GetString()));

        // An evaluation with the same sampling generates the labeled texts again; the human judge reads the labelers' ratings.
        var (_, evaluation) = await JobHomes.SubmitAsync(admin, "/v1/evaluations", new
        {
            models = new[] { "ppo" }, baseline = "sft", eval_sets = new[] { "micro-test" }, judges = new[] { "human" }, max_prompts = Prompts, sampling = Sampling,
        });
        var report = await JobHomes.WaitAsync(admin, evaluation, JobHomes.Ended, 300);
        Assert.True(JobHomes.Status(report) == "succeeded", report.ToString());
        var results = report.GetProperty("report").GetProperty("results").EnumerateArray().ToList();
        JsonElement Result(string metric, string model) => results.Single(r => r.GetProperty("metric").GetString() == metric
            && r.GetProperty("model").GetString() == model && r.GetProperty("judge").GetString() == "human" && r.GetProperty("category").GetString() == "all");

        // From what was entered: each answer's score is the median of its two ratings (alice's and bob's, rounded half away from
        // zero), ppo's 6 and sft's 3 when the texts differ; the higher wins. Where both models wrote the same text, that text has
        // all four ratings (median 4) and the pair ties.
        double Score(string text) => Median(outputs.Where(o => o.Text == text).SelectMany(o => Likert.Values.Select(l => l[o.Model])));
        var pairs = tasks.Select(t => t.GetProperty("outputs").EnumerateArray()
                .ToDictionary(o => o.GetProperty("model").GetString()!, o => Score(o.GetProperty("text").GetString()!)))
            .ToList();
        Assert.True(pairs.All(p => p["ppo"] > p["sft"]), "sft and ppo wrote the same text for a prompt: the check below would only see ties");
        Assert.Equal(pairs.Average(p => p["ppo"] > p["sft"] ? 1.0 : p["ppo"] == p["sft"] ? 0.5 : 0.0), Result("win_rate", "ppo").GetProperty("value").GetDouble(), 9);
        Assert.Equal(Prompts, Result("win_rate", "ppo").GetProperty("n").GetInt32());
        Assert.Equal(pairs.Average(p => p["ppo"]), Result("likert_mean", "ppo").GetProperty("value").GetDouble(), 9);
        Assert.Equal(pairs.Average(p => p["sft"]), Result("likert_mean", "sft").GetProperty("value").GetDouble(), 9);
    }

    private static double Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : Math.Round((sorted[middle - 1] + sorted[middle]) / 2.0, MidpointRounding.AwayFromZero);
    }
}
