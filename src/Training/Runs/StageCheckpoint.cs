using System.Text.Json;
using System.Text.Json.Nodes;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using TorchSharp;

namespace InstructGpt.Training.Runs;

/// <summary>Writes a stage's result as a checkpoint whose instructgpt.json records its full configuration.</summary>
public static class StageCheckpoint
{
    public static void Save(string stage, string head, torch.nn.Module model, GptConfig config, object settings, StageOptions options,
        long steps, double seconds, IReadOnlyDictionary<string, double> metrics)
    {
        var hyperparameters = JsonSerializer.SerializeToNode(settings, settings.GetType())!.AsObject();
        hyperparameters["seed"] = options.Seed;
        var metadata = new CheckpointMetadata
        {
            Stage = stage,
            Head = head,
            Parent = options.Parent,
            DataHashes = options.DataHashes.ToDictionary(kv => kv.Key, kv => kv.Value),
            Hyperparameters = hyperparameters,
            Steps = steps,
            Metrics = metrics.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value),
            TrainSeconds = seconds,
            Seed = (long)options.Seed,
        };
        CheckpointWriter.Save(options.OutputDirectory, model, config, metadata, options.WriteTokenizer);
    }
}
