using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Training.Stages;

/// <summary>
/// What the comparisons stage publishes beside its data, as a checkpoint's instructgpt.json does for a model:
/// the sampling model, every other policy's checkpoint, the labeler, the settings, the seed, the input and output
/// hashes and the metrics (the labels' rubric agreement above all), in the same schema.
/// </summary>
public static class ComparisonRecord
{
    /// <summary><c>data/&lt;output&gt;.instructgpt.json</c>, beside <c>&lt;output&gt;.train.jsonl</c> and <c>.valid.jsonl</c>.</summary>
    public static string PathFor(string dataDirectory, string outputName) => Path.Combine(dataDirectory, outputName + "." + CheckpointFiles.Metadata);

    public static void Write(string path, string samplingModel, IReadOnlyDictionary<string, string> policyDirectories, SimulatedLabelerOptions labeler,
        ComparisonSettings settings, ulong seed, IReadOnlyDictionary<string, string> dataHashes, IReadOnlyDictionary<string, double> metrics, double seconds)
    {
        var hyperparameters = JsonSerializer.SerializeToNode(settings)!.AsObject();
        hyperparameters["seed"] = seed;
        hyperparameters["policy_checkpoints"] = new JsonObject(policyDirectories.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
        hyperparameters["labeler"] = new JsonObject { ["kind"] = "simulated", ["seed"] = labeler.Seed, ["noise"] = labeler.Noise };
        var metadata = new CheckpointMetadata
        {
            Stage = ComparisonStage.Name,
            Head = "data",
            Parent = samplingModel,
            DataHashes = dataHashes.ToDictionary(kv => kv.Key, kv => kv.Value),
            Hyperparameters = hyperparameters,
            Metrics = metrics.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value),
            TrainSeconds = seconds,
            Seed = (long)seed,
        };
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(metadata.ToJson())));
    }
}
