using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Data;
using InstructGpt.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Batching;

/// <summary>
/// SFT data: prompt tokens, completion tokens and &lt;|endoftext|&gt;, right-padded into batches whose labels
/// train only the completion and its end token (prompt and padding labels are ignored).
/// </summary>
public sealed class DemonstrationBatches
{
    private readonly List<(int[] prompt, int[] completion)> examples = [];

    public DemonstrationBatches(IEnumerable<Demonstration> demonstrations, ITokenizer tokenizer, int maxLength)
    {
        foreach (var d in demonstrations)
        {
            var prompt = tokenizer.Encode(InstructionFormat.Query(d.Prompt));
            var completion = tokenizer.Encode(d.Completion).Append(tokenizer.EndOfTextId).ToArray();
            if (completion.Length >= maxLength) completion = completion[..(maxLength - 1)];
            // Too long: keep the end of the prompt, which is nearest the completion.
            if (prompt.Length + completion.Length > maxLength) prompt = prompt[^(maxLength - completion.Length)..];
            examples.Add((prompt, completion));
        }
        PadId = tokenizer.EndOfTextId;
    }

    public int Count => examples.Count;
    private int PadId { get; }

    public long CompletionTokens(IReadOnlyList<int> indices) => indices.Sum(i => (long)examples[i].completion.Length);

    /// <returns>ids [B, T] and labels [B, T] (IgnoreIndex on prompt and padding).</returns>
    public (Tensor ids, Tensor labels) Batch(IReadOnlyList<int> indices, Device device)
    {
        var width = indices.Max(i => examples[i].prompt.Length + examples[i].completion.Length);
        var ids = new long[indices.Count * width];
        var labels = new long[indices.Count * width];
        Array.Fill(ids, PadId);
        Array.Fill(labels, LanguageModelLoss.IgnoreIndex);
        for (var r = 0; r < indices.Count; r++)
        {
            var (prompt, completion) = examples[indices[r]];
            var offset = r * width;
            for (var j = 0; j < prompt.Length; j++) ids[offset + j] = prompt[j];
            for (var j = 0; j < completion.Length; j++)
            {
                ids[offset + prompt.Length + j] = completion[j];
                labels[offset + prompt.Length + j] = completion[j];
            }
        }
        return (torch.tensor(ids, new long[] { indices.Count, width }, device: device), torch.tensor(labels, new long[] { indices.Count, width }, device: device));
    }
}
