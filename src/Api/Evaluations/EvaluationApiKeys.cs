using System.Collections.Concurrent;

namespace InstructGpt.Api.Evaluations;

/// <summary>
/// The llm judges' API keys, by evaluation id, in this process's memory only: a secret never goes into the database
/// or an answer. An evaluation whose key was lost with a restart is marked interrupted instead of resumed.
/// </summary>
public sealed class EvaluationApiKeys
{
    private readonly ConcurrentDictionary<string, string> keys = new(StringComparer.Ordinal);

    public void Set(string id, string key) => keys[id] = key;

    public string? Get(string id) => keys.TryGetValue(id, out var key) ? key : null;

    public void Forget(string id) => keys.TryRemove(id, out _);
}
