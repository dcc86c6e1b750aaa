using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors.Tests;

/// <summary>Reading safetensors files assembled byte by byte from the spec, and rejecting broken ones.</summary>
public sealed class SafetensorsFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("igt-safetensors-read-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // ---- a file assembled by hand ------------------------------------------------------------

    private static readonly float[] W = [1.5f, -2f, 0.25f, 3e-5f, float.MaxValue, -0f];
    private static readonly long[] Ids = [-1, 0, 1L << 40];

    /// <summary>
    /// Seven tensors of every common dtype, with the JSON entries deliberately not in data order.
    /// Data layout: scalar F64 [0,8) · w F32 [8,32) · ids I64 [32,56) · i32 I32 [56,60) · h F16 [60,64) ·
    /// b BF16 [64,68) · mask BOOL [68,71) · u U8 [71,73).
    /// </summary>
    private static byte[] HandMadeFile(out byte[] data)
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
        Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Open(Path.Combine(directory, "absent.safetensors")));
    }

    // ---- truncated and garbled files -----------------------------------------------------------

    private void AssertRejected(string name, byte[] bytes, params string[] fragments)
    {
        var path = Write(name, bytes);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains("not a valid safetensors file", error.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void TruncatedInTheHeaderLength(int keep) =>
        AssertRejected($"cut-length-{keep}.safetensors", HandMadeFile(out _)[..keep], "8-byte header length");

    [Fact]
    public void TruncatedInTheHeader()
    {
        var full = HandMadeFile(out _);
        AssertRejected("cut-header.safetensors", full[..40], "runs past the end", "truncated");
    }

    [Fact]
    public void TruncatedInTheData()
    {
        var full = HandMadeFile(out _);
        AssertRejected("cut-data.safetensors", full[..^2], "truncated", "'u'");
    }

    [Fact]
    public void TruncatedInTheMiddleOfTheData()
    {
        var full = HandMadeFile(out var data);
        AssertRejected("cut-mid.safetensors", full[..^(data.Length - 20)], "truncated");
    }

    [Fact]
    public void HeaderLengthOfZero() =>
        AssertRejected("zero-length.safetensors", new byte[8], "header length 0");

    [Fact]
    public void AbsurdHeaderLength()
    {
        var bytes = HandMadeFile(out _);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        AssertRejected("huge-length.safetensors", bytes, "header length");
    }

    [Fact]
    public void InvalidJson() =>
        AssertRejected("bad-json.safetensors", SafetensorsSpec.Build("""{"w":{"dtype":"F32",""", new byte[4]), "not valid JSON");

    [Fact]
    public void HeaderThatIsNotAnObject() =>
        AssertRejected("array.safetensors", SafetensorsSpec.Build("[1, 2]", []), "JSON object");

    [Fact]
    public void UnknownDType() =>
        AssertRejected("bad-dtype.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"F8","shape":[4],"data_offsets":[0,4]}}""", new byte[4]), "'w'", "dtype 'F8'");

    [Fact]
    public void MissingDType() =>
        AssertRejected("no-dtype.safetensors",
            SafetensorsSpec.Build("""{"w":{"shape":[1],"data_offsets":[0,4]}}""", new byte[4]), "'w'", "dtype");

    [Fact]
    public void NegativeShape() =>
        AssertRejected("neg-shape.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", new byte[4]), "'w'", "shape");

    [Fact]
    public void OffsetsNotMatchingShape() =>
        AssertRejected("offsets-shape.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}""", new byte[12]), "'w'", "16 bytes", "12");

    [Fact]
    public void ShapeWhoseSizeOverflows() =>
        // 2^32 · 2^32 elements do not fit in 64 bits: a format error, not an arithmetic one.
        AssertRejected("overflow.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}""", new byte[4]), "'w'", "shape");

    [Fact]
    public void OffsetsThatAreNotNumbers() =>
        AssertRejected("offsets-strings.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"U8","shape":[4],"data_offsets":["0","4"]}}""", new byte[4]), "'w'", "data_offsets");

    [Fact]
    public void OffsetsBackwards() =>
        AssertRejected("offsets-backwards.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"U8","shape":[0],"data_offsets":[4,0]}}""", new byte[4]), "'w'", "data_offsets");

    [Fact]
    public void OffsetsWithThreeNumbers() =>
        AssertRejected("offsets-three.safetensors",
            SafetensorsSpec.Build("""{"w":{"dtype":"U8","shape":[4],"data_offsets":[0,4,8]}}""", new byte[4]), "'w'", "data_offsets");

    [Fact]
    public void HoleBetweenTensors() =>
        AssertRejected("hole.safetensors",
            SafetensorsSpec.Build("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""",
                new byte[12]), "4..8", "no tensor");

    [Fact]
    public void OverlappingTensors() =>
        AssertRejected("overlap.safetensors",
            SafetensorsSpec.Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""",
                new byte[12]), "overlaps");

    [Fact]
    public void TrailingBytesNotCoveredByAnyTensor() =>
        AssertRejected("trailing.safetensors",
            SafetensorsSpec.Build("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[8]), "8 bytes", "cover 4");

    [Fact]
    public void MetadataWithANonStringValue() =>
        AssertRejected("meta.safetensors",
            SafetensorsSpec.Build("""{"__metadata__":{"step":3}}""", []), "__metadata__");

    [Fact]
    public void AllBrokenFilesReportErrorsOfTheSameType()
    {
        // A corrupt byte anywhere in the header must never surface as a raw JSON or IO exception.
        var full = HandMadeFile(out _);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(full);
        var random = new Random(5);
        for (var trial = 0; trial < 40; trial++)
        {
            var bytes = (byte[])full.Clone();
            bytes[8 + random.Next(headerLength)] = (byte)"{}[]\",:0x9 -"[random.Next(12)];
            var path = Write($"fuzz-{trial}.safetensors", bytes);
            try
            {
                using var file = SafetensorsFile.Open(path);
            }
            catch (SafetensorsFormatException e)
            {
                Assert.Contains(path, e.Message);
            }
        }
    }
}
