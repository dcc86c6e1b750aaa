using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Engine;

/// <summary>
/// Reading tensor elements into .NET on any device. TorchSharp's <c>data&lt;T&gt;()</c> (and <c>item&lt;T&gt;()</c>,
/// built on it) reads CPU memory only and throws for a CUDA tensor, where PyTorch's <c>tolist()</c> and
/// <c>item()</c> copy to the host; every read of model output goes through here so that <c>--device cuda</c>
/// works. Single values use TorchSharp's <c>ToInt64()</c>, <c>ToDouble()</c> and <c>ToBoolean()</c>, which copy.
/// </summary>
public static class TensorHost
{
    /// <summary>The elements in row-major order, copied to the host first when the tensor lives on an accelerator.</summary>
    public static T[] ToHostArray<T>(this Tensor tensor) where T : unmanaged
    {
        if (tensor.device_type == DeviceType.CPU) return tensor.data<T>().ToArray();
        using var host = tensor.cpu();
        return host.data<T>().ToArray();
    }
}
