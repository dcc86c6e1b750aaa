using System.Globalization;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Bench;

/// <summary>
/// A workload's first batches, as the stage builds them, in one safetensors file (ids.STEP and labels.STEP, int64):
/// the peer trains on exactly these, so both implementations do the same work step for step.
/// </summary>
internal static class BatchFile
{
    public static void Write(Workload workload, int count, string path)
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>();
        for (var step = 0; step < count; step++)
        {
            var batch = workload.Batch(step);
            tensors[$"ids.{step}"] = batch.Ids;
            tensors[$"labels.{step}"] = batch.Labels;
        }
        var metadata = new Dictionary<string, string> { ["workload"] = workload.Name, ["steps"] = count.ToString(CultureInfo.InvariantCulture) };
        SafetensorsWriter.Save(path, tensors, metadata); // written to a temporary file and renamed
    }

    /// <summary>
    /// Checks that this process builds the batches the file holds (same world, tokenizer and order), so ours and the
    /// peer train on the same data; throws otherwise. Returns the number of steps the file holds.
    /// </summary>
    public static int Verify(Workload workload, string path)
    {
        using var file = SafetensorsFile.Open(path);
        var count = int.Parse(file.Metadata["steps"], CultureInfo.InvariantCulture);
        for (var step = 0; step < count; step++)
        {
            using var scope = torch.NewDisposeScope();
            var batch = workload.Batch(step);
            if (!Same(batch.Ids, file.Load($"ids.{step}")) || !Same(batch.Labels, file.Load($"labels.{step}")))
                throw new InvalidDataException($"{path}: batch {step} differs from the one this process builds; run `prepare` again");
        }
        return count;
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
