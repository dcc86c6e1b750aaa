using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// What every generation loop does with its prompts before the first decode step, done one way: the serving
/// scheduler (<see cref="Serving.ContinuousBatchScheduler"/>), <see cref="CompletionGenerator"/> (the CLI, the
/// evaluation, the comparisons stage) and PPO's rollout check the prompts, left-pad them into one prefill, seed each
/// sample's random stream, and read the prompt's own token log-probabilities for echo here.
/// </summary>
public static class PromptBatch
{
    /// <summary>Any id works for padding: padded positions are masked out of attention.</summary>
    public const long PadId = 0;

    /// <summary>Spreads the n samples of a seeded request over distinct streams (the 64-bit golden ratio, as SplitMix64).</summary>
    private const ulong SampleSeedStride = 0x9E3779B97F4A7C15UL;

    /// <summary>
    /// The prompts as token arrays, checked: an empty prompt starts from end-of-text (as OpenAI's models do), every id
    /// lies in the vocabulary, and prompt plus <paramref name="maxTokens"/> fits the context.
    /// </summary>
    /// <exception cref="TokenIdOutOfRangeException">An id lies outside the vocabulary.</exception>
    /// <exception cref="ContextLengthExceededException">A prompt plus <paramref name="maxTokens"/> does not fit the context.</exception>
    public static int[][] Check(IReadOnlyList<IReadOnlyList<int>> prompts, int maxTokens, int vocabularySize, int context, int endOfTextId)
    {
        if (prompts.Count == 0) throw new ArgumentException("at least one prompt is required", "prompt");
        for (var p = 0; p < prompts.Count; p++)
            for (var j = 0; j < prompts[p].Count; j++)
                if (prompts[p][j] < 0 || prompts[p][j] >= vocabularySize) throw new TokenIdOutOfRangeException(p, j, prompts[p][j], vocabularySize);
        var checkedPrompts = new int[prompts.Count][];
        for (var p = 0; p < prompts.Count; p++)
        {
            var ids = prompts[p].Count > 0 ? prompts[p].ToArray() : [endOfTextId];
            if (ids.Length + maxTokens > context) throw new ContextLengthExceededException(context, ids.Length, maxTokens);
            checkedPrompts[p] = ids;
        }
        return checkedPrompts;
    }

    /// <summary>
    /// The prompts right-aligned in a [rows, width] batch of ids and its attention mask (1 for a prompt token), so that
    /// every row's next token goes into the same column.
    /// </summary>
    public static (Tensor Ids, Tensor Mask) LeftPad(IReadOnlyList<int[]> prompts, int width, Device device)
    {
        var ids = new long[prompts.Count * width];
        var mask = new long[prompts.Count * width];
        Array.Fill(ids, PadId);
        for (var r = 0; r < prompts.Count; r++)
        {
            var offset = r * width + width - prompts[r].Length;
            for (var j = 0; j < prompts[r].Length; j++)
            {
                ids[offset + j] = prompts[r][j];
                mask[offset + j] = 1;
            }
        }
        var shape = new long[] { prompts.Count, width };
        return (torch.tensor(ids, shape, device: device), torch.tensor(mask, shape, device: device));
    }

    /// <summary>
    /// The random stream of sample <paramref name="sampleIndex"/> of a request seeded with <paramref name="seed"/>, on the
    /// device the probabilities are sampled on: the n samples differ, and a seed repeats whatever else is in the batch.
    /// </summary>
    public static torch.Generator SampleGenerator(ulong seed, int sampleIndex, Device device) =>
        new(unchecked(seed + (ulong)sampleIndex * SampleSeedStride), device);

    /// <summary>
    /// Each prompt token's log-probability given the tokens before it (the first has none), and the
    /// <paramref name="topCount"/> most likely tokens at its position, from the prefill's logits over the left-padded
    /// batch; text offsets count from the start of the prompt, as OpenAI's echo does.
    /// </summary>
    public static List<TokenLogprob>[] PromptLogprobs(Tensor logits, IReadOnlyList<int[]> prompts, int width, int topCount, ITokenizer tokenizer)
    {
        using var scope = torch.NewDisposeScope();
        var logprobs = logits.@float().log_softmax(-1);
        var result = new List<TokenLogprob>[prompts.Count];
        for (var r = 0; r < prompts.Count; r++)
        {
            var prompt = prompts[r];
            var start = width - prompt.Length;
            var entries = new List<TokenLogprob>(prompt.Length);
            for (var j = 0; j < prompt.Length; j++)
            {
                double? chosen = null;
                List<TopLogprob> top = [];
                if (j > 0)
                {
                    var row = logprobs[r, start + j - 1];
                    chosen = row[prompt[j]].to(ScalarType.Float64).ToDouble();
                    if (topCount > 0)
                    {
                        var (values, indices) = row.topk(topCount);
                        var v = values.to(ScalarType.Float64).ToHostArray<double>();
                        var i = indices.ToHostArray<long>();
                        top = v.Select((x, k) => new TopLogprob((int)i[k], SequenceState.TokenText(tokenizer, (int)i[k]), x)).ToList();
                    }
                }
                entries.Add(new TokenLogprob(prompt[j], SequenceState.TokenText(tokenizer, prompt[j]), chosen, top, tokenizer.Decode(prompt[..j]).Length));
            }
            result[r] = entries;
        }
        return result;
    }
}
