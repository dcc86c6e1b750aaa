using InstructGpt.Api.Errors;
using InstructGpt.Api.Jobs;
using InstructGpt.Api.Tests.Fixtures;
using InstructGpt.Training.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace InstructGpt.Api.Tests.Jobs;

/// <summary>
/// A training job is prepared (its datasets read and validated) once, when it is accepted, and the worker trains from
/// that plan; it is prepared again only when what it read has changed while it waited, or the plan is gone.
/// </summary>
public sealed class PreparedPlanTests : IDisposable
{
    private const string Training = "/v1/training/jobs";
    private readonly string home = JobHomes.MicroCopy();
    private readonly ApiFactory api;

    public PreparedPlanTests() => api = JobHomes.Host(home, new() { ["Jobs:Workers"] = "0" });

    public void Dispose()
    {
        api.Dispose();
        JobHomes.Delete(home);
    }

    [Fact]
    public async Task TheWorkerTrainsFromThePlanMadeAtAcceptanceWithoutReadingTheDatasetsAgain()
    {
        var (path, count) = Upload("held");
        var job = await SubmitAsync("held");

        // Same size, same write time, but no longer JSON: a job that read the file again would fail on line 1.
        var written = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[0] = (byte)'x';
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, written);

        var plan = Runner().PlanFor(job);
        Assert.Equal(count, plan.Datasets.Demonstrations(StageDatasets.Train).Count);
        Assert.Equal("micro", plan.Preset.Name);
        Assert.Equal(1, plan.Preset.Sft.Epochs);
    }

    [Fact]
    public async Task AJobWhoseDatasetChangedWhileItWaitedIsPreparedAgain()
    {
        var (path, count) = Upload("changed");
        var job = await SubmitAsync("changed");

        File.AppendAllLines(path, [File.ReadLines(Path.Combine(home, "data", "sft.train.jsonl")).ElementAt(count)]);
        var plan = Runner().PlanFor(job);
        Assert.Equal(count + 1, plan.Datasets.Demonstrations(StageDatasets.Train).Count);
        Assert.Equal(1, plan.Preset.Sft.Epochs); // the stored hyperparameters, parsed again

        // And a change that breaks it is the job's error, naming the field, as at acceptance.
        var second = await SubmitAsync("changed");
        File.AppendAllLines(path, ["""{"prompt": "no completion"}"""]);
        var error = Assert.Throws<InvalidRequestException>(() => Runner().PlanFor(second));
        Assert.Equal("datasets.train", error.Param);
        Assert.Contains($"changed.jsonl:{count + 2}", error.Message);
    }

    [Fact]
    public async Task TheHolderKeepsTheNewestPlansAndDropsOneTakenOrForgotten()
    {
        Upload("bounded");
        var plan = Runner().PlanFor(await SubmitAsync("bounded"));
        var plans = new PreparedStagePlans();
        for (var i = 0; i <= PreparedStagePlans.Capacity; i++) plans.Hold($"job-{i}", plan);

        Assert.Equal(PreparedStagePlans.Capacity, plans.Count);
        Assert.Null(plans.Take("job-0"));
        Assert.Same(plan, plans.Take($"job-{PreparedStagePlans.Capacity}"));
        Assert.Null(plans.Take($"job-{PreparedStagePlans.Capacity}"));
        plans.Forget("job-1");
        Assert.Null(plans.Take("job-1"));
        Assert.Same(plan, plans.Take("job-2"));
    }

    private TrainingJobRunner Runner() => api.Services.GetServices<IJobRunner>().OfType<TrainingJobRunner>().Single();

    /// <summary>An uploaded SFT dataset: the world's first demonstrations under datasets/.</summary>
    private (string Path, int Count) Upload(string name)
    {
        var lines = File.ReadLines(Path.Combine(home, "data", "sft.train.jsonl")).Take(12).ToList();
        var path = Path.Combine(home, "datasets", name + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return (path, lines.Count);
    }

    private async Task<JobRecord> SubmitAsync(string dataset)
    {
        var (job, _) = await JobHomes.SubmitAsync(api.CreateAuthorizedClient(), Training,
            new { stage = "sft", preset = "micro", datasets = new { train = dataset }, hyperparameters = new { Epochs = 1 } });
        var store = await api.Service<JobQueue>().StoreAsync();
        return store.Get(job.GetProperty("id").GetString()!)!;
    }
}
