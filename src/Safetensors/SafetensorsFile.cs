using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors;

/// <summary>
/// Reads a .safetensors file (https://github.com/huggingface/safetensors, "Format"): an 8-byte
/// little-endian header length N, N bytes of JSON header, then the data. The file is memory-mapped
/// and each tensor is copied once, straight from the mapping into libtorch, so loading never needs
/// twice the file's size in memory. Every header entry is validated when the file is opened.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>The reference implementation refuses headers above 100 MB; so do we.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly Dictionary<string, SafetensorsTensorInfo> tensors;
    private readonly long dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensor names in the order of their data.</summary>
    public IReadOnlyList<string> Names { get; }

    private SafetensorsFile(string path, MemoryMappedFile? map, MemoryMappedViewAccessor? view,
        Dictionary<string, SafetensorsTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata, long dataStart)
    {
        Path = path;
        this.map = map;
        this.view = view;
        this.tensors = tensors;
        Metadata = metadata;
        this.dataStart = dataStart;
        Names = tensors.Values.OrderBy(t => t.Begin).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Name).ToList();
    }

    public static SafetensorsFile Open(string path)
    {
        var length = new FileInfo(path).Exists ? new FileInfo(path).Length : throw new FileNotFoundException($"{path}: no such file", path);
        if (length < 8) throw new SafetensorsFormatException(path, $"the file has {length} bytes, fewer than the 8-byte header length");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength < 2 || headerLength > MaxHeaderBytes)
                throw new SafetensorsFormatException(path, $"header length {headerLength} is outside 2..{MaxHeaderBytes}");
            if (8 + headerLength > length)
                throw new SafetensorsFormatException(path, $"header length {headerLength} runs past the end of the {length}-byte file (truncated?)");
            var headerBytes = new byte[headerLength];
            view.ReadArray(8, headerBytes, 0, headerBytes.Length);
            var (tensors, metadata) = ParseHeader(path, headerBytes, length - 8 - headerLength);
            return new SafetensorsFile(path, map, view, tensors, metadata, 8 + headerLength);
        }
        catch
        {
            view.Dispose();
            map.Dispose();
            throw;
        }
    }

    private static (Dictionary<string, SafetensorsTensorInfo>, IReadOnlyDictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' '));
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(path, $"the header is not valid JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafetensorsFormatException(path, "the header must be a JSON object");
            var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    if (entry.Value.ValueKind != JsonValueKind.Object)
                        throw new SafetensorsFormatException(path, "__metadata__ must be an object of strings");
                    foreach (var m in entry.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String
                            ? m.Value.GetString()!
                            : throw new SafetensorsFormatException(path, $"__metadata__.{m.Name} must be a string");
                    continue;
                }
                tensors[entry.Name] = ParseEntry(path, entry.Name, entry.Value, dataLength);
            }
            CheckCoverage(path, tensors.Values, dataLength);
            return (tensors, metadata);
        }
    }

    private static SafetensorsTensorInfo ParseEntry(string path, string name, JsonElement value, long dataLength)
    {
        string Problem(string what) => $"tensor '{name}': {what}";
        if (value.ValueKind != JsonValueKind.Object) throw new SafetensorsFormatException(path, Problem("entry must be an object"));
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafetensorsFormatException(path, Problem("missing string field 'dtype'"));
        if (!SafetensorsDType.TryParse(dtypeElement.GetString()!, out var dtype))
            throw new SafetensorsFormatException(path, Problem($"unsupported dtype '{dtypeElement.GetString()}' (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)"));
        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafetensorsFormatException(path, Problem("missing array field 'shape'"));
        var shape = new List<long>();
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var size) || size < 0)
                throw new SafetensorsFormatException(path, Problem("shape entries must be non-negative integers"));
            shape.Add(size);
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new SafetensorsFormatException(path, Problem("'data_offsets' must be [begin, end]"));
        long begin = 0, end = 0;
        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number ||
            !offsets[0].TryGetInt64(out begin) || !offsets[1].TryGetInt64(out end) || begin < 0 || end < begin)
            throw new SafetensorsFormatException(path, Problem("'data_offsets' must be integers with 0 <= begin <= end"));
        if (end > dataLength)
            throw new SafetensorsFormatException(path, Problem($"data ends at byte {end} but the data section has only {dataLength} bytes (truncated?)"));
        long expected;
        try
        {
            long elements = 1;
            foreach (var d in shape) elements = checked(elements * d);
            expected = checked(elements * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new SafetensorsFormatException(path, Problem($"shape [{string.Join(", ", shape)}] has more bytes than fit in 64 bits"));
        }
        if (end - begin != expected)
            throw new SafetensorsFormatException(path, Problem($"shape [{string.Join(", ", shape)}] of {SafetensorsDType.ToCode(dtype)} needs {expected} bytes but data_offsets span {end - begin}"));
        return new SafetensorsTensorInfo(name, dtype, shape.ToArray(), begin, end);
    }

    /// <summary>The spec requires the data section to be covered exactly, with no holes or overlaps.</summary>
    private static void CheckCoverage(string path, IEnumerable<SafetensorsTensorInfo> infos, long dataLength)
    {
        long position = 0;
        foreach (var info in infos.OrderBy(i => i.Begin).ThenBy(i => i.End))
        {
            if (info.Begin != position)
                throw new SafetensorsFormatException(path, info.Begin > position
                    ? $"bytes {position}..{info.Begin} of the data section belong to no tensor"
                    : $"tensor '{info.Name}' overlaps the previous tensor's data");
            position = info.End;
        }
        if (position != dataLength)
            throw new SafetensorsFormatException(path, $"the data section has {dataLength} bytes but the tensors cover {position}");
    }

    public bool Contains(string name) => tensors.ContainsKey(name);

    public SafetensorsTensorInfo GetInfo(string name) =>
        tensors.TryGetValue(name, out var info) ? info : throw new KeyNotFoundException($"{Path}: no tensor named '{name}'");

    public IEnumerable<SafetensorsTensorInfo> Infos => Names.Select(n => tensors[n]);

    /// <summary>Copies one tensor out of the file, optionally converting it to <paramref name="dtype"/> and moving it to <paramref name="device"/>.</summary>
    public unsafe Tensor Load(string name, ScalarType? dtype = null, Device? device = null)
    {
        var info = GetInfo(name);
        byte* basePointer = null;
        var handle = view!.SafeMemoryMappedViewHandle;
        handle.AcquirePointer(ref basePointer);
        try
        {
            var source = basePointer + view.PointerOffset + dataStart + info.Begin;
            var loaded = torch.empty(info.Shape, info.DType, torch.CPU);
            CopyInto(loaded, source, info.ByteLength);
            var target = device ?? torch.CPU;
            var targetType = dtype ?? info.DType;
            if (target.type == DeviceType.CPU && targetType == info.DType) return loaded;
            using (loaded) return loaded.to(targetType, target);
        }
        finally
        {
            handle.ReleasePointer();
        }
    }

    /// <summary>
    /// Copies the mapped bytes into a new contiguous CPU tensor. TorchSharp exposes a tensor's memory as a span of at
    /// most 2 GiB, so a larger tensor is filled through views of its flattened form, one chunk at a time.
    /// </summary>
    private static unsafe void CopyInto(Tensor destination, byte* source, long byteLength)
    {
        if (byteLength == 0) return;
        if (byteLength <= int.MaxValue)
        {
            new ReadOnlySpan<byte>(source, (int)byteLength).CopyTo(destination.bytes);
            return;
        }
        var elementSize = destination.ElementSize;
        var perChunk = (1L << 30) / elementSize;
        using var flat = destination.view(-1);
        for (long start = 0; start < flat.shape[0]; start += perChunk)
        {
            var count = Math.Min(perChunk, flat.shape[0] - start);
            using var chunk = flat.narrow(0, start, count);
            new ReadOnlySpan<byte>(source + start * elementSize, (int)(count * elementSize)).CopyTo(chunk.bytes);
        }
    }

    public Dictionary<string, Tensor> LoadAll(ScalarType? dtype = null, Device? device = null) =>
        Names.ToDictionary(n => n, n => Load(n, dtype, device));

    public void Dispose()
    {
        view?.Dispose();
        map?.Dispose();
    }
}
