using InstructGpt.Api.Hosting;
using InstructGpt.Evaluation.Storage;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Evaluations;

/// <summary>The evaluation tables in <c>$INSTRUCTGPT_HOME/instructgpt.db</c>, opened (and migrated) once, on first use.</summary>
public sealed class EvaluationDatabase(IOptions<DataOptions> data)
{
    private readonly Lazy<Task<EvaluationStore>> store = new(() =>
        EvaluationStore.OpenAsync(Path.Combine(data.Value.FullHome, EvaluationStore.DatabaseFileName)));

    public Task<EvaluationStore> StoreAsync() => store.Value;
}
