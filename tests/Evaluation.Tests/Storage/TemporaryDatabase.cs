using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;
using Microsoft.Data.Sqlite;

namespace InstructGpt.Evaluation.Tests.Storage;

/// <summary>A real SQLite file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    public TemporaryDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "instructgpt-eval-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, EvaluationStore.DatabaseFileName);

    public Task<EvaluationStore> OpenAsync() => EvaluationStore.OpenAsync(DatabasePath);

    public static EvaluationRun Run(string id = "run-1") => new()
    {
        Id = id,
        Models = ["ppo-ptx", "ppo"],
        Baseline = "sft",
        EvalSet = "held-out-v1",
        Judges = ["simulated-labeler", "reward-model"],
        ConfigJson = """{"samples_per_prompt":2,"temperature":1.0}""",
    };

    public static EvaluationSample Sample(string runId, string model, string promptId, int sampleIndex, string judge = "simulated-labeler") => new()
    {
        Output = new GeneratedOutput
        {
            RunId = runId,
            Model = model,
            PromptId = promptId,
            Category = "generation",
            SampleIndex = sampleIndex,
            Prompt = $"Write a story about {promptId}.",
            Output = $"Once upon a time ({model}, {sampleIndex}).",
        },
        Judge = judge,
        Label = new SampleLabel { Likert = 5 },
    };

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
