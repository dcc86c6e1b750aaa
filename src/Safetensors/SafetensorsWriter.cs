using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors;

/// <summary>
/// Writes .safetensors files. The layout follows the reference implementation: tensors ordered by
/// alignment (largest element first) then name, and the header padded with spaces to a multiple of
/// 8 bytes so every tensor's data is aligned. The file is written beside its destination and renamed
/// into place, so a reader never sees half a file.
/// </summary>
public static class SafetensorsWriter
{
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors
            .Select(kv => (name: kv.Key, tensor: kv.Value, dtype: kv.Value.dtype))
            .OrderByDescending(e => e.dtype.ElementSize())
            .ThenBy(e => e.name, StringComparer.Ordinal)
            .ToList();

        var header = BuildHeader(ordered.Select(e => (e.name, e.dtype, e.tensor.shape, e.tensor.numel())), metadata);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> lengthBytes = stackalloc byte[8];
                BitConverter.TryWriteBytes(lengthBytes, (ulong)header.Length);
                stream.Write(lengthBytes);
                stream.Write(header);
                foreach (var (_, tensor, _) in ordered) WriteData(stream, tensor);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static byte[] BuildHeader(IEnumerable<(string name, ScalarType dtype, long[] shape, long numel)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape, numel) in entries)
            {
                var bytes = numel * dtype.ElementSize();
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDType.ToCode(dtype));
                json.WriteStartArray("shape");
                foreach (var d in shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        var header = buffer.ToArray();
        var padded = (header.Length + 7) / 8 * 8;
        if (padded == header.Length) return header;
        var result = new byte[padded];
        header.CopyTo(result, 0);
        result.AsSpan(header.Length).Fill((byte)' ');
        return result;
    }

    /// <summary>Streams a tensor's bytes; a CPU contiguous tensor is written straight from its memory, others via one contiguous copy.</summary>
    private static void WriteData(Stream stream, Tensor tensor)
    {
        if (tensor.numel() == 0) return;
        using var scope = torch.NewDisposeScope();
        var host = tensor.device_type == DeviceType.CPU && tensor.is_contiguous() ? tensor : tensor.detach().cpu().contiguous();
        // TorchSharp exposes a tensor's memory as a span of at most 2 GiB: write a larger tensor in chunks of its flat view.
        var flat = host.view(-1);
        var perChunk = (1L << 30) / host.ElementSize;
        for (long start = 0; start < flat.shape[0]; start += perChunk)
            stream.Write(flat.narrow(0, start, Math.Min(perChunk, flat.shape[0] - start)).bytes);
    }
}
