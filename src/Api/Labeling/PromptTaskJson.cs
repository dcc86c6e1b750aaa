using System.Text.Json;
using InstructGpt.Tasks;

namespace InstructGpt.Api.Labeling;

/// <summary>A task's prompt as stored in labeling_tasks.task_json: the whole <see cref="PromptTask"/>, so the simulated labeler can rank it later.</summary>
public sealed record PromptTaskJson(string PromptId, string TaskJson)
{
    public static PromptTaskJson From(PromptTask task) => new(task.Id, JsonSerializer.Serialize(task, LabelingStore.Json));

    public static PromptTask Read(string json) =>
        JsonSerializer.Deserialize<PromptTask>(json, LabelingStore.Json) ?? throw new InvalidDataException("a labeling task's task_json is empty");
}
