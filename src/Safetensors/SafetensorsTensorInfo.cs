using static TorchSharp.torch;

namespace InstructGpt.Safetensors;

/// <summary>One header entry: dtype, shape, and the [begin, end) byte range within the data section.</summary>
public sealed record SafetensorsTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;
}
