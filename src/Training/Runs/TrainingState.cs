using System.Text.Json;
using System.Text.Json.Nodes;
using InstructGpt.Safetensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Runs;

/// <summary>
/// Everything a stage needs to continue exactly where it stopped: module weights, optimizer moments,
/// random generator states (including the global one that drives dropout), the step, and stage-specific
/// values. Saved as run/state/, written to a temporary directory and renamed into place, so a crash
/// during a save leaves the previous state intact.
/// </summary>
public sealed class TrainingState
{
    private const string StateDirectory = "state";
    private const string StateFile = "state.json";
    private const string RngFile = "rng.safetensors";
    private const string GlobalGenerator = "global";

    public long Step { get; }
    public JsonObject Extra { get; }
    public string Directory { get; }
    /// <summary>The run's <see cref="RunInputs"/> fingerprint; null in states saved before it was recorded.</summary>
    public string? Inputs { get; }

    private TrainingState(string directory, long step, JsonObject extra, string? inputs) => (Directory, Step, Extra, Inputs) = (directory, step, extra, inputs);

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, StateDirectory);

    public static void Save(string runDirectory, long step, IReadOnlyDictionary<string, nn.Module> modules,
        IReadOnlyDictionary<string, AdamW> optimizers, IReadOnlyDictionary<string, Generator> generators, JsonObject extra, string? inputs)
    {
        System.IO.Directory.CreateDirectory(runDirectory);
        var final = PathIn(runDirectory);
        var temporary = Path.Combine(runDirectory, $".state.tmp-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            foreach (var (name, module) in modules)
                SafetensorsWriter.Save(Path.Combine(temporary, $"{name}.safetensors"), module.state_dict());
            foreach (var (name, optimizer) in optimizers)
                AdamWState.Save(optimizer, Path.Combine(temporary, $"{name}.optimizer.safetensors"));
            using (var scope = torch.NewDisposeScope())
            {
                var rng = new Dictionary<string, Tensor> { [GlobalGenerator] = torch.random.get_rng_state() };
                foreach (var (name, generator) in generators) rng[name] = generator.get_state();
                SafetensorsWriter.Save(Path.Combine(temporary, RngFile), rng);
            }
            var json = new JsonObject { ["step"] = step, ["inputs"] = inputs, ["extra"] = JsonNode.Parse(extra.ToJsonString()) };
            File.WriteAllText(Path.Combine(temporary, StateFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

            var old = System.IO.Directory.Exists(final) ? Path.Combine(runDirectory, $".state.old-{Guid.NewGuid():N}") : null;
            if (old is not null) System.IO.Directory.Move(final, old);
            System.IO.Directory.Move(temporary, final);
            if (old is not null) System.IO.Directory.Delete(old, recursive: true);
        }
        catch
        {
            if (System.IO.Directory.Exists(temporary)) System.IO.Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>The saved state in <paramref name="runDirectory"/>, or null when there is none.</summary>
    public static TrainingState? TryLoad(string runDirectory)
    {
        var directory = PathIn(runDirectory);
        var file = Path.Combine(directory, StateFile);
        if (!File.Exists(file)) return null;
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return new TrainingState(directory, json["step"]!.GetValue<long>(), json["extra"]?.AsObject() ?? [], json["inputs"]?.GetValue<string>());
    }

    /// <summary>Puts the saved weights, optimizer moments and generator states back.</summary>
    public void Restore(IReadOnlyDictionary<string, nn.Module> modules, IReadOnlyDictionary<string, AdamW> optimizers, IReadOnlyDictionary<string, Generator> generators)
    {
        foreach (var (name, module) in modules)
        {
            using var file = SafetensorsFile.Open(Path.Combine(Directory, $"{name}.safetensors"));
            using var scope = torch.NewDisposeScope();
            var device = module.parameters().FirstOrDefault()?.device ?? torch.CPU;
            module.load_state_dict(file.LoadAll(device: device));
        }
        foreach (var (name, optimizer) in optimizers)
            AdamWState.Load(optimizer, Path.Combine(Directory, $"{name}.optimizer.safetensors"));
        using var rng = SafetensorsFile.Open(Path.Combine(Directory, RngFile));
        using (var scope = torch.NewDisposeScope())
        {
            torch.random.set_rng_state(rng.Load(GlobalGenerator));
            foreach (var (name, generator) in generators) generator.set_state(rng.Load(name));
        }
    }
}
