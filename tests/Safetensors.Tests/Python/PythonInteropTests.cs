using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Safetensors.Tests.Python;

/// <summary>
/// Files exchanged with an independent implementation: safetensors_peer.py, which reads and writes the format with
/// plain PyTorch (python3-torch 1.13, its own tensors and byte layout), in both directions.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("igt-safetensors-python-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void PythonTorchReadsWhatWeWrite()
    {
        var path = Path.Combine(directory, "ours.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["step"] = "12", ["note"] = "é → 🚀 \"quoted\"" };
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["weight"] = torch.tensor(new float[] { 1.5f, -2f, 0.1f, float.Epsilon, -0f, 3e38f }, [2, 3]),
            ["transposed"] = torch.arange(6, dtype: ScalarType.Float64).view(2, 3).t(),
            ["half"] = torch.tensor(new[] { (Half)0.5, Half.MaxValue, (Half)(-0.0) }),
            ["brain"] = torch.tensor(new float[] { 1, -3, 256.5f, 1e-3f }, [2, 2]).to(ScalarType.BFloat16),
            ["ids"] = torch.tensor(new long[] { long.MinValue, -1, 1L << 40, long.MaxValue }),
            ["small"] = torch.tensor(new[] { int.MinValue, 7 }),
            ["mask"] = torch.tensor(new[] { true, false, true }),
            ["bytes"] = torch.tensor(new byte[] { 0, 128, 255 }),
            ["scalar"] = torch.tensor(2.75),
            ["empty"] = torch.zeros(0, 3),
        };
        SafetensorsWriter.Save(path, tensors, metadata);

        using var described = PythonPeer.Run("read", path);
        AssertDescribes(described.RootElement, metadata, tensors);
    }

    [Fact]
    public void WeReadWhatPythonTorchWrites()
    {
        var path = Path.Combine(directory, "peer.safetensors");
        using var described = PythonPeer.Run("write", path);
        using var file = SafetensorsFile.Open(path);
        using var scope = torch.NewDisposeScope();
        var root = described.RootElement;
        var expectedMetadata = root.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(11, root.GetProperty("tensors").EnumerateObject().Count());
        AssertDescribes(root, file.Metadata, file.Names.ToDictionary(n => n, n => file.Load(n)));
        Assert.Equal(expectedMetadata, file.Metadata);
    }

    /// <summary>The peer's description matches the tensors: names, dtype codes, shapes, and every value bit for bit.</summary>
    private static void AssertDescribes(JsonElement description, IReadOnlyDictionary<string, string> metadata, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var describedMetadata = description.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), describedMetadata.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        var described = description.GetProperty("tensors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), described.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in tensors)
        {
            var entry = described[name];
            Assert.Equal(ExpectedCode(tensor.dtype), entry.GetProperty("dtype").GetString());
            Assert.Equal(tensor.shape, entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
            var values = entry.GetProperty("values").EnumerateArray().ToArray();
            // Flattened first: TorchSharp's data<T>().ToArray() throws on an empty tensor of two or more dimensions.
            Assert.Equal(tensor.numel(), values.Length);
            if (tensor.is_floating_point())
            {
                // float64 holds every F16/BF16/F32 value exactly, so the widened values must agree bit for bit (signed zeros too).
                var ours = tensor.to(ScalarType.Float64).reshape(-1).data<double>().ToArray();
                for (var i = 0; i < ours.Length; i++)
                    Assert.True(BitConverter.DoubleToInt64Bits(ours[i]) == BitConverter.DoubleToInt64Bits(values[i].GetDouble()),
                        $"{name}[{i}]: ours {ours[i]:R}, the peer's {values[i].GetDouble():R}");
            }
            else
            {
                var ours = tensor.to(ScalarType.Int64).reshape(-1).data<long>().ToArray();
                Assert.Equal(ours, values.Select(v => v.GetInt64()).ToArray());
            }
        }
    }

    /// <summary>The spec's dtype codes, written out here rather than taken from src/Safetensors.</summary>
    private static string ExpectedCode(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Bool => "BOOL",
        ScalarType.Byte => "U8",
        _ => throw new ArgumentException($"no code for {dtype} in this test"),
    };
}
