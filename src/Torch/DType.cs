namespace InstructGpt.Torch;

/// <summary>Element types. The values are c10::ScalarType's, which libtorch keeps stable.</summary>
public enum DType
{
    UInt8 = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    Float16 = 5,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
    BFloat16 = 15,
}

public static class DTypeExtensions
{
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Int8 or DType.Bool => 1,
        DType.Int16 or DType.Float16 or DType.BFloat16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float16 or DType.BFloat16 or DType.Float32 or DType.Float64;

    /// <summary>PyTorch's name, e.g. "float32".</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.UInt8 => "uint8",
        DType.Int8 => "int8",
        DType.Int16 => "int16",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        DType.Float16 => "float16",
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Bool => "bool",
        DType.BFloat16 => "bfloat16",
        _ => dtype.ToString(),
    };

    /// <summary>Parses PyTorch-style names: float32/float/fp32, float16/half/fp16, bfloat16/bf16, int64/long, ...</summary>
    public static DType Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "float32" or "float" or "fp32" or "f32" => DType.Float32,
        "float16" or "half" or "fp16" or "f16" => DType.Float16,
        "bfloat16" or "bf16" => DType.BFloat16,
        "float64" or "double" or "fp64" or "f64" => DType.Float64,
        "int64" or "long" or "i64" => DType.Int64,
        "int32" or "int" or "i32" => DType.Int32,
        "int16" or "short" => DType.Int16,
        "int8" => DType.Int8,
        "uint8" or "byte" => DType.UInt8,
        "bool" => DType.Bool,
        _ => throw new ArgumentException(
            $"unknown dtype '{name}'; expected one of float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool"),
    };

    /// <summary>The dtype whose elements are the C# type T.</summary>
    internal static DType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(int) ? DType.Int32 :
        typeof(T) == typeof(short) ? DType.Int16 :
        typeof(T) == typeof(sbyte) ? DType.Int8 :
        typeof(T) == typeof(byte) ? DType.UInt8 :
        typeof(T) == typeof(bool) ? DType.Bool :
        typeof(T) == typeof(Half) ? DType.Float16 :
        throw new NotSupportedException($"no tensor dtype holds {typeof(T).Name}; use float, double, long, int, short, sbyte, byte, bool or Half");
}
