using System.Buffers.Binary;

namespace InstructGpt.Safetensors.Tests;

/// <summary>
/// Truncated and garbled safetensors files (cut from or built like <see cref="SafetensorsFileTests"/>' hand-made file):
/// each is refused with a <see cref="SafetensorsFormatException"/> that names the file and what is wrong.
/// </summary>
public sealed class BrokenSafetensorsFileTests : IDisposable
{
    private readonly ScratchFiles scratch = new("igt-safetensors-broken-");

    public void Dispose() => scratch.Dispose();

    private string Write(string name, byte[] bytes) => scratch.Write(name, bytes);

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
        AssertRejected($"cut-length-{keep}.safetensors", SafetensorsFileTests.HandMadeFile(out _)[..keep], "8-byte header length");

    [Fact]
    public void TruncatedInTheHeader()
    {
        var full = SafetensorsFileTests.HandMadeFile(out _);
        AssertRejected("cut-header.safetensors", full[..40], "runs past the end", "truncated");
    }

    [Fact]
    public void TruncatedInTheData()
    {
        var full = SafetensorsFileTests.HandMadeFile(out _);
        AssertRejected("cut-data.safetensors", full[..^2], "truncated", "'u'");
    }

    [Fact]
    public void TruncatedInTheMiddleOfTheData()
    {
        var full = SafetensorsFileTests.HandMadeFile(out var data);
        AssertRejected("cut-mid.safetensors", full[..^(data.Length - 20)], "truncated");
    }

    [Fact]
    public void HeaderLengthOfZero() =>
        AssertRejected("zero-length.safetensors", new byte[8], "header length 0");

    [Fact]
    public void AbsurdHeaderLength()
    {
        var bytes = SafetensorsFileTests.HandMadeFile(out _);
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
        var full = SafetensorsFileTests.HandMadeFile(out _);
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
