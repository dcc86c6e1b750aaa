using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors.Tests;

/// <summary>Reading safetensors files assembled byte by byte from the spec, and rejecting broken ones.</summary>
public sealed class SafetensorsFileTests : IDisposable
{
    private readonly ScratchFiles scratch = new("igt-safetensors-read-");

    public void Dispose() => scratch.Dispose();

    private string Write(string name, byte[] bytes) => scratch.Write(name, bytes);

    // ---- a file assembled by hand ------------------------------------------------------------

    private static readonly float[] W = [1.5f, -2f, 0.25f, 3e-5f, float.MaxValue, -0f];
    private static readonly long[] Ids = [-1, 0, 1L << 40];

    /// <summary>
    /// Seven tensors of every common dtype, with the JSON entries deliberately not in data order.
    /// Data layout: scalar F64 [0,8) · w F32 [8,32) · ids I64 [32,56) · i32 I32 [56,60) · h F16 [60,64) ·
    /// b BF16 [64,68) · mask BOOL [68,71) · u U8 [71,73).
    /// </summary>
    internal static byte[] HandMadeFile(out byte[] data)
    {
        data = new byte[73];
        var d = data.AsSpan();
        BinaryPrimitives.WriteDoubleLittleEndian(d[0..], 3.25);
        for (var i = 0; i < W.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(d[(8 + 4 * i)..], W[i]);
        for (var i = 0; i < Ids.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(d[(32 + 8 * i)..], Ids[i]);
        BinaryPrimitives.WriteInt32LittleEndian(d[56..], -7);
        BinaryPrimitives.WriteUInt16LittleEndian(d[60..], 0x3C00); // F16 1.0
        BinaryPrimitives.WriteUInt16LittleEndian(d[62..], 0xC100); // F16 -2.5
        BinaryPrimitives.WriteUInt16LittleEndian(d[64..], 0x3F80); // BF16 1.0
        BinaryPrimitives.WriteUInt16LittleEndian(d[66..], 0xC040); // BF16 -3.0
        d[68] = 1; d[69] = 0; d[70] = 1;
        d[71] = 0; d[72] = 255;
        const string header = """
            {"mask":{"dtype":"BOOL","shape":[3],"data_offsets":[68,71]},
             "__metadata__":{"format":"pt","note":"made by hand"},
             "w":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]},
             "ids":{"dtype":"I64","shape":[3],"data_offsets":[32,56]},
             "scalar":{"dtype":"F64","shape":[],"data_offsets":[0,8]},
             "i32":{"dtype":"I32","shape":[1,1],"data_offsets":[56,60]},
             "u":{"dtype":"U8","shape":[2],"data_offsets":[71,73]},
             "h":{"dtype":"F16","shape":[2],"data_offsets":[60,64]},
             "b":{"dtype":"BF16","shape":[2,1],"data_offsets":[64,68]}}
            """;
        return SafetensorsSpec.Build(header, data);
    }

    [Fact]
    public void ReadsAFileAssembledByHand()
    {
        var path = Write("hand.safetensors", HandMadeFile(out _));
        using var file = SafetensorsFile.Open(path);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "made by hand" }, file.Metadata);
        Assert.Equal(["scalar", "w", "ids", "i32", "h", "b", "mask", "u"], file.Names);

        var scalar = file.Load("scalar");
        Assert.Empty(scalar.shape);
        Assert.Equal(3.25, scalar.item<double>());

        var w = file.Load("w");
        Assert.Equal(ScalarType.Float32, w.dtype);
        Assert.Equal([2L, 3], w.shape);
        Assert.Equal(W, w.data<float>().ToArray());
        Assert.True(float.IsNegative(w.data<float>().ToArray()[5]), "-0.0 must keep its sign");

        var ids = file.Load("ids");
        Assert.Equal(ScalarType.Int64, ids.dtype);
        Assert.Equal(Ids, ids.data<long>().ToArray());

        var i32 = file.Load("i32");
        Assert.Equal([1L, 1], i32.shape);
        Assert.Equal(new[] { -7 }, i32.data<int>().ToArray());

        var h = file.Load("h");
        Assert.Equal(ScalarType.Float16, h.dtype);
        Assert.Equal(new[] { (Half)1.0, (Half)(-2.5) }, h.data<Half>().ToArray());

        var b = file.Load("b");
        Assert.Equal(ScalarType.BFloat16, b.dtype);
        Assert.Equal([2L, 1], b.shape);
        Assert.Equal(new float[] { 1, -3 }, b.to(ScalarType.Float32).data<float>().ToArray());

        var mask = file.Load("mask");
        Assert.Equal(ScalarType.Bool, mask.dtype);
        Assert.Equal(new[] { true, false, true }, mask.data<bool>().ToArray());

        Assert.Equal(new byte[] { 0, 255 }, file.Load("u").data<byte>().ToArray());

        var info = file.GetInfo("ids");
        Assert.Equal(ScalarType.Int64, info.DType);
        Assert.Equal(32, info.Begin);
        Assert.Equal(56, info.End);
    }

    [Fact]
    public void LoadConvertsDType()
    {
        var path = Write("convert.safetensors", HandMadeFile(out _));
        using var file = SafetensorsFile.Open(path);
        using var scope = torch.NewDisposeScope();
        var w = file.Load("w", ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, w.dtype);
        Assert.Equal(W.Select(x => (double)x).ToArray(), w.data<double>().ToArray());
        var h = file.Load("h", ScalarType.Float32);
        Assert.Equal(new float[] { 1, -2.5f }, h.data<float>().ToArray());
    }

    [Fact]
    public void LoadAllReturnsEveryTensor()
    {
        var path = Write("all.safetensors", HandMadeFile(out _));
        using var file = SafetensorsFile.Open(path);
        var all = file.LoadAll();
        try
        {
            Assert.Equal(8, all.Count);
            Assert.Equal(Ids, all["ids"].data<long>().ToArray());
        }
        finally
        {
            foreach (var t in all.Values) t.Dispose();
        }
    }

    [Fact]
    public void ReadsAnUnpaddedHeaderAndEmptyTensors()
    {
        // No padding, a zero-element tensor (allowed by the spec) and a scalar.
        var data = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, 42);
        var bytes = SafetensorsSpec.Build("""{"empty":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"x":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}""", data, pad: false);
        var path = Write("empty.safetensors", bytes);
        using var file = SafetensorsFile.Open(path);
        using var scope = torch.NewDisposeScope();
        Assert.Empty(file.Metadata);
        var empty = file.Load("empty");
        Assert.Equal([0L, 3], empty.shape);
        Assert.Equal(42, file.Load("x").item<int>());
    }

    [Fact]
    public void ReadsAFileWithNoTensors()
    {
        var path = Write("none.safetensors", SafetensorsSpec.Build("""{"__metadata__":{"a":"b"}}""", []));
        using var file = SafetensorsFile.Open(path);
        Assert.Empty(file.Names);
        Assert.Equal("b", file.Metadata["a"]);
    }

    [Fact]
    public void UnknownTensorNameIsAKeyError()
    {
        var path = Write("names.safetensors", HandMadeFile(out _));
        using var file = SafetensorsFile.Open(path);
        Assert.False(file.Contains("nope"));
        var error = Assert.Throws<KeyNotFoundException>(() => file.Load("nope"));
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Open(Path.Combine(scratch.Directory, "absent.safetensors")));
    }
}
