using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Batching;

/// <summary>Query (prompt and separator) + completion + &lt;|endoftext|&gt; sequences, right-padded, with an attention mask: what the reward model reads.</summary>
public static class SequenceBatch
{
    public static int[] Encode(ITokenizer tokenizer, string prompt, string completion, int maxLength)
    {
        var p = tokenizer.Encode(InstructionFormat.Query(prompt));
        var c = tokenizer.Encode(completion).Append(tokenizer.EndOfTextId).ToArray();
        if (c.Length >= maxLength) c = c[..(maxLength - 1)];
        if (p.Length + c.Length > maxLength) p = p[^(maxLength - c.Length)..];
        return [.. p, .. c];
    }

    /// <returns>ids [N, T] and mask [N, T] (1 on real tokens).</returns>
    public static (Tensor ids, Tensor mask) RightPadded(IReadOnlyList<int[]> sequences, int padId, Device device)
    {
        var width = sequences.Max(s => s.Length);
        var ids = new long[sequences.Count * width];
        var mask = new long[sequences.Count * width];
        Array.Fill(ids, padId);
        for (var r = 0; r < sequences.Count; r++)
            for (var j = 0; j < sequences[r].Length; j++)
            {
                ids[r * width + j] = sequences[r][j];
                mask[r * width + j] = 1;
            }
        return (torch.tensor(ids, new long[] { sequences.Count, width }, device: device), torch.tensor(mask, new long[] { sequences.Count, width }, device: device));
    }
}
