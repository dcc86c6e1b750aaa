using System.CommandLine;
using InstructGpt.Torch;

namespace InstructGpt.Cli.Commands;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<string> Model() => new("--model", "-m") { Description = "Checkpoint directory (ours or a Hugging Face GPT-2 one)", Required = true };

    public static Option<string?> Device() => new("--device") { Description = "cpu, cuda or cuda:N (default: CUDA when available)" };

    public static Option<string> DType() => new("--dtype") { Description = "float32, bfloat16 or float16", DefaultValueFactory = _ => "float32" };

    public static Device ParseDevice(string? text) => text is null ? torch.get_default_device() : InstructGpt.Torch.Device.Parse(text);
}
