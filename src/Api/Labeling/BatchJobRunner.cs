using System.Diagnostics;
using System.Text.Json;
using InstructGpt.Api.Errors;
using InstructGpt.Api.Evaluations;
using InstructGpt.Api.Jobs;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Tasks.StableRandom;
using InstructGpt.Training.Runs;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// Samples a labeling batch: each model answers every prompt as an evaluation run would (<see cref="InstructionSampler"/>),
/// then the tasks (one per prompt, outputs shuffled and lettered) are written in one transaction. Nothing is stored before
/// that, so a job stopped by a restart samples again from the start, deterministically, and a job that had written its tasks
/// writes nothing twice.
/// </summary>
public sealed class BatchJobRunner(BatchValidator validator, EvaluationRequestValidator evaluations, LabelingStore store, IOptions<JobsOptions> jobs,
    ILogger<BatchJobRunner> logger) : IJobRunner
{
    public const string Stage = "sampling";

    public JobKind Kind => JobKind.Labeling;

    public string CancelledNote => "cancelled by request; nothing was stored, since a batch's tasks are written when all its outputs are sampled";

    public IReadOnlyList<string> Run(JobRun run)
    {
        var (job, cancellation) = (run.Job, run.Cancellation);
        var spec = JobSpecJson.Read<BatchSpec>(job.RequestJson);
        var prompts = validator.ReadPrompts(spec);
        var models = spec.Models.Select((m, i) => evaluations.ResolveModel(m, $"models[{i}]")).ToArray();
        var sampling = spec.Sampling.ToSampling();
        var progress = run.Progress();
        var clock = Stopwatch.StartNew();
        long done = 0, total = (long)prompts.Count * models.Length;
        var answers = new IReadOnlyList<SampledAnswer>[models.Length];
        for (var m = 0; m < models.Length; m++)
        {
            answers[m] = InstructionSampler.Sample(models[m], prompts, sampling, spec.AnswersOf(m), jobs.Value.TrainingDevice, batch =>
            {
                done += batch;
                var eta = done == 0 ? (TimeSpan?)null : clock.Elapsed * ((total - done) / (double)done);
                progress.Report(new StageProgress(Stage, done, total, null, new Dictionary<string, double>(), 0, clock.Elapsed, eta));
            }, cancellation);
        }
        var byPrompt = answers.Select(a => a.ToLookup(x => x.PromptId, StringComparer.Ordinal)).ToArray();
        var tasks = prompts.Select(p =>
        {
            var outputs = Enumerable.Range(0, spec.OutputsPerPrompt).Select(i =>
            {
                var (model, answer) = spec.Writer(i);
                return (Text: byPrompt[model][p.Id].Single(a => a.Index == answer).Text, Model: spec.Models[model]);
            }).ToArray();
            Shuffle(outputs, spec.Sampling.Seed, p.Id);
            return (PromptTaskJson.From(p), (IReadOnlyList<TaskOutput>)outputs.Select((o, i) => new TaskOutput(((char)('A' + i)).ToString(), o.Text, o.Model)).ToArray());
        }).ToArray();
        cancellation.ThrowIfCancellationRequested();
        var written = store.WriteBatchAsync(job.Id, spec.Overlap, job.CreatedAt, tasks).GetAwaiter().GetResult();
        logger.LogInformation("Labeling batch {Id}: {Tasks} tasks of {K} outputs from {Models} {Written}", job.Id, tasks.Length, spec.OutputsPerPrompt,
            string.Join(", ", spec.Models), written ? "stored" : "were already stored");
        return [];
    }

    public string? WhyNotResumable(JobRecord job)
    {
        try
        {
            validator.ReadPrompts(JobSpecJson.Read<BatchSpec>(job.RequestJson));
            return null;
        }
        catch (Exception e) when (e is InvalidRequestException or JsonException or InvalidDataException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Fisher–Yates with a generator seeded from the batch's seed and the prompt's id: the same batch always shows a prompt's
    /// outputs in the same order, and the order tells a labeler nothing about which model wrote which output.
    /// </summary>
    private static void Shuffle<T>(T[] items, ulong seed, string promptId)
    {
        var random = new SplitMix64(seed ^ StableHash.Fnv1a64(promptId));
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
