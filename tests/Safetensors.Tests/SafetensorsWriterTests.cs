using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors.Tests;

/// <summary>
/// The writer's output, parsed by hand against the spec, and bit-exact round trips of every dtype
/// (including NaN payloads, signed zeros and subnormals).
/// </summary>
public sealed class SafetensorsWriterTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("igt-safetensors-write-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Raw little-endian bit patterns per dtype, chosen to catch any conversion on the way.</summary>
    private static readonly (string name, ScalarType dtype, string code, long[] shape, byte[] bytes)[] Samples =
    [
        ("f32", ScalarType.Float32, "F32", [2, 3], Bits32(0x3FC00000, 0x80000000, 0x00000001, 0x7FC00123, 0xFF800000, 0x7F7FFFFF)),
        ("f16", ScalarType.Float16, "F16", [5], Bits16(0x3C00, 0x8000, 0x0001, 0x7E01, 0xFBFF)),
        ("bf16", ScalarType.BFloat16, "BF16", [1, 5], Bits16(0x3F80, 0x8000, 0x0001, 0x7FC1, 0xFF7F)),
        ("f64", ScalarType.Float64, "F64", [3], Bits64(0x3FF0000000000001, 0x8000000000000000, 0x7FF8000000000ABC)),
        ("i64", ScalarType.Int64, "I64", [2, 2], Bits64(unchecked((ulong)long.MinValue), long.MaxValue, unchecked((ulong)-1L), 42)),
        ("i32", ScalarType.Int32, "I32", [3], Bits32(unchecked((uint)int.MinValue), int.MaxValue, unchecked((uint)-5))),
        ("mask", ScalarType.Bool, "BOOL", [2, 2], [1, 0, 0, 1]),
        ("u8", ScalarType.Byte, "U8", [3], [0, 127, 255]),
        ("scalar", ScalarType.Float32, "F32", [], Bits32(0x40490FDB)),
        ("empty", ScalarType.Float32, "F32", [0, 4], []),
    ];

    private static byte[] Bits16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        return bytes;
    }

    private static byte[] Bits32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    private static byte[] Bits64(params ulong[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    private static Dictionary<string, Tensor> SampleTensors() =>
        Samples.ToDictionary(s => s.name, s => FromBytes(s.bytes, s.dtype, s.shape));

    /// <summary>A CPU tensor holding exactly these bytes: the bit patterns reach libtorch with no conversion on the way.</summary>
    private static Tensor FromBytes(byte[] bytes, ScalarType dtype, long[] shape)
    {
        var tensor = torch.empty(shape, dtype);
        tensor.bytes = bytes;
        return tensor;
    }

    private static readonly Dictionary<string, string> Metadata = new()
    {
        ["format"] = "pt",
        ["quote\"and\\slash"] = "line\nbreak, tab\t, unicode é → 🚀, <html>&'",
        ["empty"] = "",
    };

    [Fact]
    public void OutputFollowsTheSpecByteForByte()
    {
        var path = Path.Combine(directory, "spec.safetensors");
        using (var scope = torch.NewDisposeScope())
            SafetensorsWriter.Save(path, SampleTensors(), Metadata);

        var file = File.ReadAllBytes(path);
        var parsed = SafetensorsSpec.Parse(file);

        // Header: length prefix matches, data starts 8-byte aligned, padding is spaces.
        Assert.Equal(0UL, (8 + parsed.HeaderLength) % 8);
        Assert.Equal(file.Length - 8 - (long)parsed.HeaderLength, parsed.Data.Length);
        Assert.Equal(Metadata, parsed.Metadata);

        // Entries: every tensor, with its dtype code and shape.
        Assert.Equal(Samples.Select(s => s.name).Order(), parsed.Entries.Select(e => e.Name).Order());
        foreach (var sample in Samples)
        {
            var entry = parsed.Entries.Single(e => e.Name == sample.name);
            Assert.Equal(sample.code, entry.DType);
            Assert.Equal(sample.shape, entry.Shape);
            Assert.Equal(sample.bytes.Length, entry.End - entry.Begin);
            Assert.Equal(0, entry.Begin % SafetensorsSpec.ElementSize(entry.DType)); // each tensor aligned to its element
            Assert.Equal(sample.bytes, parsed.Data[(int)entry.Begin..(int)entry.End]);
        }

        // Offsets: contiguous from 0, covering the data section exactly.
        long position = 0;
        foreach (var entry in parsed.Entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            Assert.Equal(position, entry.Begin);
            position = entry.End;
        }
        Assert.Equal(parsed.Data.Length, position);
    }

    [Fact]
    public void RoundTripIsBitExactForEveryDType()
    {
        var path = Path.Combine(directory, "roundtrip.safetensors");
        using var scope = torch.NewDisposeScope();
        SafetensorsWriter.Save(path, SampleTensors(), Metadata);
        using var file = SafetensorsFile.Open(path);
        Assert.Equal(Metadata, file.Metadata);
        foreach (var sample in Samples)
        {
            var loaded = file.Load(sample.name);
            Assert.Equal(sample.dtype, loaded.dtype);
            Assert.Equal(sample.shape, loaded.shape);
            Assert.Equal(sample.bytes, loaded.bytes.ToArray());
        }
    }

    [Fact]
    public void RoundTripOfTypedValues()
    {
        var path = Path.Combine(directory, "typed.safetensors");
        using var scope = torch.NewDisposeScope();
        var floats = new float[] { 1, -2.5f, float.Epsilon, float.NaN, float.NegativeInfinity, -0f };
        var longs = new long[] { long.MinValue, -1, 0, long.MaxValue };
        SafetensorsWriter.Save(path, new Dictionary<string, Tensor>
        {
            ["floats"] = torch.tensor(floats, [3, 2]),
            ["longs"] = torch.tensor(longs),
            ["halves"] = torch.tensor(new[] { (Half)0.5, Half.MaxValue, Half.Epsilon }),
        });
        using var file = SafetensorsFile.Open(path);
        Assert.Empty(file.Metadata);
        Assert.Equal(
            MemoryMarshal.Cast<float, int>(floats).ToArray(),
            MemoryMarshal.Cast<float, int>(file.Load("floats").data<float>().ToArray()).ToArray());
        Assert.Equal(longs, file.Load("longs").data<long>().ToArray());
        Assert.Equal(new[] { (Half)0.5, Half.MaxValue, Half.Epsilon }, file.Load("halves").data<Half>().ToArray());
    }

    [Fact]
    public void NonContiguousTensorsAreWrittenInRowMajorOrder()
    {
        var path = Path.Combine(directory, "transposed.safetensors");
        using (var scope = torch.NewDisposeScope())
        {
            var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]).t(); // [[1,4],[2,5],[3,6]]
            Assert.False(t.is_contiguous());
            SafetensorsWriter.Save(path, new Dictionary<string, Tensor> { ["t"] = t });
        }
        var parsed = SafetensorsSpec.Parse(File.ReadAllBytes(path));
        var entry = Assert.Single(parsed.Entries);
        Assert.Equal([3L, 2], entry.Shape);
        var values = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadSingleLittleEndian(parsed.Data.AsSpan(4 * i))).ToArray();
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, values);
    }

    [Fact]
    public void TensorsThatRequireGradAndViewsAreSaved()
    {
        var path = Path.Combine(directory, "grad.safetensors");
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new double[] { 1, 2, 3, 4 }, [2, 2], requires_grad: true);
        SafetensorsWriter.Save(path, new Dictionary<string, Tensor> { ["w"] = w, ["row"] = w[1] });
        using var file = SafetensorsFile.Open(path);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, file.Load("w").data<double>().ToArray());
        Assert.Equal(new double[] { 3, 4 }, file.Load("row").data<double>().ToArray());
    }

    [Fact]
    public void SaveReplacesAnExistingFileAndLeavesNoTemporaries()
    {
        var path = Path.Combine(directory, "replace.safetensors");
        File.WriteAllText(path, "old contents");
        using (var scope = torch.NewDisposeScope())
            SafetensorsWriter.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.ones(2) });
        Assert.Equal([path], Directory.GetFiles(directory));
        using var file = SafetensorsFile.Open(path);
        Assert.Equal(["x"], file.Names);
    }

    [Fact]
    public void FailedSaveLeavesNoFile()
    {
        var path = Path.Combine(directory, "failed.safetensors");
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(2);
        t.Dispose();
        Assert.ThrowsAny<Exception>(() => SafetensorsWriter.Save(path, new Dictionary<string, Tensor> { ["x"] = t }));
        Assert.Empty(Directory.GetFiles(directory));
    }
}
