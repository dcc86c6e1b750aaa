using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Engine;

/// <summary>Device names as users write them ("cpu", "cuda", "cuda:1"), and device comparison.</summary>
public static class TorchDevices
{
    /// <summary>Parses "cpu", "cuda" or "cuda:N"; anything else is a user error that lists the allowed forms.</summary>
    public static Device Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu") return torch.CPU;
        if (value == "cuda") return new Device(DeviceType.CUDA, 0);
        if (value.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(value.AsSpan(5), out var index) && index >= 0)
            return new Device(DeviceType.CUDA, index);
        throw new ArgumentException($"unknown device '{text}'; expected 'cpu', 'cuda' or 'cuda:N'");
    }

    /// <summary>
    /// Whether two devices are the same. TorchSharp's Device is a class without value equality, so == compares
    /// references; a CUDA device without an index means device 0.
    /// </summary>
    public static bool Same(Device a, Device b) =>
        a.type == b.type && (a.type != DeviceType.CUDA || Math.Max(a.index, 0) == Math.Max(b.index, 0));
}
