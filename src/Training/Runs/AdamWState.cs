using System.Globalization;
using System.Text.Json;
using InstructGpt.Safetensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InstructGpt.Training.Runs;

/// <summary>
/// An AdamW's moments and step counts in a safetensors file, for exact resume. Tensors are keyed by each parameter's
/// position in the parameter groups (<c>{i}.exp_avg</c>, <c>{i}.exp_avg_sq</c>); the metadata holds the step counts and
/// the hyperparameters. Only parameters that have taken a step are written (the format the project's own AdamW wrote,
/// so its state files still load). TorchSharp's own optimizer save_state_dict writes a TorchSharp-only binary format;
/// this file is readable by any safetensors reader and is saved atomically by <see cref="SafetensorsWriter"/>.
/// </summary>
public static class AdamWState
{
    public const string Format = "instructgpt.adamw.v1";

    public static void Save(AdamW optimizer, string path)
    {
        var dictionary = optimizer.state_dict();
        var tensors = new Dictionary<string, Tensor>();
        var steps = new Dictionary<string, long>();
        for (var i = 0; i < dictionary.State.Count; i++)
        {
            var state = (AdamW.State)dictionary.State[i];
            if (state.step == 0) continue;
            tensors[$"{i}.exp_avg"] = state.exp_avg;
            tensors[$"{i}.exp_avg_sq"] = state.exp_avg_sq;
            steps[i.ToString(CultureInfo.InvariantCulture)] = state.step;
        }
        var groups = dictionary.Options.Cast<AdamW.Options>().ToList();
        static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["parameters"] = dictionary.State.Count.ToString(CultureInfo.InvariantCulture),
            ["steps"] = JsonSerializer.Serialize(steps),
            ["lr"] = Number(groups[0].LearningRate!.Value),
            ["betas"] = $"{Number(groups[0].beta1!.Value)},{Number(groups[0].beta2!.Value)}",
            ["eps"] = Number(groups[0].eps!.Value),
            // One value per parameter group (the no-decay group's is 0).
            ["weight_decay"] = string.Join(",", groups.Select(g => Number(g.weight_decay!.Value))),
        };
        SafetensorsWriter.Save(path, tensors, metadata);
    }

    /// <summary>Restores what <see cref="Save"/> wrote into an optimizer over the same parameters, in the same order.</summary>
    public static void Load(AdamW optimizer, string path)
    {
        using var file = SafetensorsFile.Open(path);
        if (!file.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new InvalidDataException($"{path}: not an AdamW state file (metadata 'format' is missing or not {Format})");
        var dictionary = optimizer.state_dict();
        var parameters = optimizer.parameters().ToList();
        var count = int.Parse(file.Metadata["parameters"], CultureInfo.InvariantCulture);
        if (count != dictionary.State.Count)
            throw new InvalidDataException($"{path}: the state is for {count} parameters but this optimizer has {dictionary.State.Count}");
        var steps = JsonSerializer.Deserialize<Dictionary<string, long>>(file.Metadata["steps"]) ?? [];
        optimizer.SetLearningRate(double.Parse(file.Metadata["lr"], CultureInfo.InvariantCulture));

        using var noGrad = torch.no_grad();
        for (var i = 0; i < dictionary.State.Count; i++)
        {
            using var scope = torch.NewDisposeScope();
            var state = (AdamW.State)dictionary.State[i];
            var parameter = parameters[i];
            if (!steps.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var step))
            {
                // Never stepped when saved: fresh moments, as a new optimizer has.
                state.step = 0;
                state.exp_avg.zero_();
                state.exp_avg_sq.zero_();
                continue;
            }
            // Same dtype as the moments, so the copies below are exact.
            var expAvg = file.Load($"{i}.exp_avg", state.exp_avg.dtype, parameter.device);
            var expAvgSq = file.Load($"{i}.exp_avg_sq", state.exp_avg_sq.dtype, parameter.device);
            if (!expAvg.shape.SequenceEqual(parameter.shape) || !expAvgSq.shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException($"{path}: parameter {i} has shape [{string.Join(", ", parameter.shape)}] but its saved moments are [{string.Join(", ", expAvg.shape)}]");
            state.exp_avg.copy_(expAvg);
            state.exp_avg_sq.copy_(expAvgSq);
            state.step = step;
        }
    }
}
