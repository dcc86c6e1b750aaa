using static TorchSharp.torch;

namespace InstructGpt.Inference.Engine;

/// <summary>
/// Element types by the names PyTorch and Hugging Face use ("float32", "bfloat16": config.json's torch_dtype, the CLI's
/// --dtype). TorchSharp's ScalarType names differ (Float32, BFloat16, Byte), so names are mapped here, in one place.
/// </summary>
public static class TorchDtypes
{
    public static string Name(this ScalarType dtype) => dtype switch
    {
        ScalarType.Byte => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses PyTorch's names and their common aliases; anything else is a user error listing the names.</summary>
    public static ScalarType Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "float32" or "float" or "fp32" or "f32" => ScalarType.Float32,
        "float16" or "half" or "fp16" or "f16" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        "float64" or "double" or "fp64" or "f64" => ScalarType.Float64,
        "int64" or "long" or "i64" => ScalarType.Int64,
        "int32" or "int" or "i32" => ScalarType.Int32,
        "int16" or "short" => ScalarType.Int16,
        "int8" => ScalarType.Int8,
        "uint8" or "byte" => ScalarType.Byte,
        "bool" => ScalarType.Bool,
        _ => throw new ArgumentException(
            $"unknown dtype '{name}'; expected one of float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool"),
    };
}
