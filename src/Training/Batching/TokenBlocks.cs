using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Batching;

/// <summary>
/// Pretraining data: every document tokenised and followed by &lt;|endoftext|&gt;, concatenated, and cut
/// into blocks of equal length (GPT-2/GPT-3 style packing; the trailing remainder is dropped).
/// </summary>
public sealed class TokenBlocks
{
    private readonly int[] tokens;

    public TokenBlocks(IEnumerable<string> documents, ITokenizer tokenizer, int blockSize)
    {
        if (blockSize < 2) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "a block needs at least 2 tokens");
        BlockSize = blockSize;
        var stream = new List<int>();
        foreach (var document in documents)
        {
            stream.AddRange(tokenizer.Encode(document));
            stream.Add(tokenizer.EndOfTextId);
        }
        tokens = stream.ToArray();
        Count = tokens.Length / blockSize;
    }

    public int BlockSize { get; }
    public int Count { get; }
    public long TokenCount => tokens.Length;

    /// <summary>[indices.Length, BlockSize] token ids.</summary>
    public Tensor Batch(IReadOnlyList<int> indices, Device device)
    {
        var ids = new long[indices.Count * BlockSize];
        for (var r = 0; r < indices.Count; r++)
        {
            if (indices[r] < 0 || indices[r] >= Count) throw new ArgumentOutOfRangeException(nameof(indices), indices[r], $"block index must be in [0, {Count - 1}]");
            for (var j = 0; j < BlockSize; j++) ids[r * BlockSize + j] = tokens[indices[r] * BlockSize + j];
        }
        return torch.tensor(ids, new long[] { indices.Count, BlockSize }, device: device);
    }
}
