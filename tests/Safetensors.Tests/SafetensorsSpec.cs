using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace InstructGpt.Safetensors.Tests;

/// <summary>
/// The safetensors format written and parsed by hand from the public spec
/// (https://github.com/huggingface/safetensors#format), independently of src/Safetensors:
/// 8 bytes of little-endian u64 N, N bytes of UTF-8 JSON (may be space-padded), then the data.
/// </summary>
public static class SafetensorsSpec
{
    /// <summary>Assembles a file: the header JSON (optionally padded with spaces to a multiple of 8), then the data.</summary>
    public static byte[] Build(string headerJson, ReadOnlySpan<byte> data, bool pad = true)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var headerLength = pad ? (header.Length + 7) / 8 * 8 : header.Length;
        var file = new byte[8 + headerLength + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(0, 8), (ulong)headerLength);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, headerLength - header.Length).Fill((byte)' ');
        data.CopyTo(file.AsSpan(8 + headerLength));
        return file;
    }

    public sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End);

    public sealed record Parsed(ulong HeaderLength, byte[] HeaderBytes, Dictionary<string, string> Metadata, List<Entry> Entries, byte[] Data);

    /// <summary>Splits a file into its parts, checking what the spec requires of the framing.</summary>
    public static Parsed Parse(byte[] file)
    {
        Assert.True(file.Length >= 8, "a file needs at least the 8-byte header length");
        var n = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0, 8));
        Assert.True(8 + n <= (ulong)file.Length, $"header length {n} runs past the {file.Length}-byte file");
        var headerBytes = file.AsSpan(8, (int)n).ToArray();
        Assert.Equal((byte)'{', headerBytes[0]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes);
        var trimmed = text.TrimEnd(' ');
        Assert.EndsWith("}", trimmed);
        var metadata = new Dictionary<string, string>();
        var entries = new List<Entry>();
        using var document = JsonDocument.Parse(trimmed);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString()!;
                continue;
            }
            var v = property.Value;
            var offsets = v.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            Assert.Equal(2, offsets.Length);
            entries.Add(new Entry(property.Name, v.GetProperty("dtype").GetString()!,
                v.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(), offsets[0], offsets[1]));
        }
        return new Parsed(n, headerBytes, metadata, entries, file.AsSpan(8 + (int)n).ToArray());
    }

    public static int ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => throw new ArgumentException($"unknown dtype {dtype}"),
    };
}
