namespace InstructGpt.Torch.Safetensors;

/// <summary>The format's dtype codes (safetensors spec: "F32", "BF16", ...).</summary>
internal static class SafetensorsDType
{
    public static string ToCode(DType dtype) => dtype switch
    {
        DType.Float64 => "F64",
        DType.Float32 => "F32",
        DType.Float16 => "F16",
        DType.BFloat16 => "BF16",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.Int16 => "I16",
        DType.Int8 => "I8",
        DType.UInt8 => "U8",
        DType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors cannot store {dtype.Name()}"),
    };

    public static bool TryParse(string code, out DType dtype)
    {
        DType? parsed = code switch
        {
            "F64" => DType.Float64,
            "F32" => DType.Float32,
            "F16" => DType.Float16,
            "BF16" => DType.BFloat16,
            "I64" => DType.Int64,
            "I32" => DType.Int32,
            "I16" => DType.Int16,
            "I8" => DType.Int8,
            "U8" => DType.UInt8,
            "BOOL" => DType.Bool,
            _ => null,
        };
        dtype = parsed ?? default;
        return parsed.HasValue;
    }
}
