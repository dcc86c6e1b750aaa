using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Model;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Checkpoints;

/// <summary>
/// Writes a checkpoint directory atomically: everything goes into a temporary sibling directory that
/// is renamed into place at the end, so a reader sees either the old checkpoint or the whole new one.
/// </summary>
public static class CheckpointWriter
{
    /// <param name="writeTokenizer">Writes vocab.json and merges.txt into the directory it is given.</param>
    public static void Save(string directory, nn.Module model, GptConfig config, CheckpointMetadata metadata, Action<string>? writeTokenizer)
    {
        var full = Path.GetFullPath(Path.TrimEndingDirectorySeparator(directory));
        var parent = Path.GetDirectoryName(full)!;
        System.IO.Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var temporary = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            var dtype = model.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;
            var savedConfig = config with { TorchDtype = dtype.Name() };
            File.WriteAllText(Path.Combine(temporary, CheckpointFiles.Config), savedConfig.ToJson());
            SafetensorsWriter.Save(Path.Combine(temporary, CheckpointFiles.Weights), model.state_dict(),
                new Dictionary<string, string> { ["format"] = "pt" }); // transformers expects format=pt
            writeTokenizer?.Invoke(temporary);
            File.WriteAllText(Path.Combine(temporary, CheckpointFiles.Metadata), metadata.ToJson());
            Publish(temporary, full);
        }
        catch
        {
            if (System.IO.Directory.Exists(temporary)) System.IO.Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>Renames the finished directory into place, replacing an older one.</summary>
    private static void Publish(string temporary, string destination)
    {
        if (!System.IO.Directory.Exists(destination))
        {
            System.IO.Directory.Move(temporary, destination);
            return;
        }
        // A directory cannot be renamed over another, so the old one steps aside first; the window in
        // which neither exists is two renames long.
        var old = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.old-{Guid.NewGuid():N}");
        System.IO.Directory.Move(destination, old);
        System.IO.Directory.Move(temporary, destination);
        System.IO.Directory.Delete(old, recursive: true);
    }
}
