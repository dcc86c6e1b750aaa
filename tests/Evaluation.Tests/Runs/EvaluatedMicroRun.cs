using System.Diagnostics;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Evaluation.Tests.Storage;

namespace InstructGpt.Evaluation.Tests.Runs;

/// <summary>One uninterrupted evaluation of all five micro models (labeler and RM judges), run once for the tests that read it.</summary>
public sealed class EvaluatedMicroRun : IAsyncLifetime
{
    public const string RunId = "micro-full";

    private readonly TemporaryDatabase database = new();

    public EvaluationStore Store { get; private set; } = null!;
    public EvaluationRequest Request { get; private set; } = null!;
    public EvaluationResult Result { get; private set; } = null!;
    public TimeSpan Elapsed { get; private set; }
    public List<EvaluationProgress> Progress { get; } = [];
    public string ReportDirectory => Path.Combine(database.Directory, "reports");

    public async Task InitializeAsync()
    {
        Store = await database.OpenAsync();
        Request = MicroEvaluation.Request(RunId) with { ReportDirectory = ReportDirectory }; // builds the micro home first, if needed
        var clock = Stopwatch.StartNew();
        Result = await new EvaluationRunner(Store).RunAsync(Request, new ProgressLog(Progress));
        Elapsed = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Keeps every report, synchronously and in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ProgressLog(List<EvaluationProgress> reports, Action<EvaluationProgress>? then = null) : IProgress<EvaluationProgress>
{
    public void Report(EvaluationProgress value)
    {
        reports.Add(value);
        then?.Invoke(value);
    }
}
