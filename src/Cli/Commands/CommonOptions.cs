using System.CommandLine;
using InstructGpt.Inference.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Cli.Commands;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model", "-m") { Description = "Checkpoint directory (ours or a Hugging Face GPT-2 one)", Required = true };

    public static Option<string?> Device() => new("--device") { Description = "cpu, cuda or cuda:N (default: CUDA when available)" };

    public static Option<string> DType() => new("--dtype") { Description = "float32, bfloat16 or float16", DefaultValueFactory = _ => "float32" };

    /// <summary>
    /// --device, else TorchRuntime's default (INSTRUCTGPT_DEVICE, else CUDA when available). A CUDA device that the
    /// libtorch in use cannot reach is a usage error (exit 2) here: TorchSharp would otherwise throw an
    /// InvalidOperationException carrying its native loader's trace when the model moves there.
    /// </summary>
    public static Device ParseDevice(string? text)
    {
        var device = text is null ? TorchRuntime.DefaultDevice : TorchDevices.Parse(text);
        if (device.type != DeviceType.CUDA) return device;
        var source = text is null
            ? $"{TorchRuntime.DeviceEnvironmentVariable}={Environment.GetEnvironmentVariable(TorchRuntime.DeviceEnvironmentVariable)}"
            : $"--device {text}";
        if (!torch.cuda.is_available())
            throw new ArgumentException($"{source}: CUDA is not available to {TorchRuntime.Description} (a CPU build, or no usable GPU)");
        var count = torch.cuda.device_count();
        if (device.index >= count)
            throw new ArgumentException($"{source}: there {(count == 1 ? "is 1 CUDA device" : $"are {count} CUDA devices")}");
        return device;
    }
}
