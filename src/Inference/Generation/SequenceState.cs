using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// One completion being generated: its prompt, its tokens so far, and whether (and why) it ended, by OpenAI's rules
/// (end of text unless ignored, a stop sequence, max_tokens).
/// </summary>
internal sealed class SequenceState(int promptIndex, int sampleIndex, int[] promptIds, SamplingOptions options, RowSampling sampling, StopSequenceMatcher stops, ITokenizer tokenizer)
    : IDecodingRow
{
    public int PromptIndex { get; } = promptIndex;
    public int SampleIndex { get; } = sampleIndex;
    public int[] PromptIds { get; } = promptIds;
    public RowSampling Sampling { get; } = sampling;
    public List<int> Tokens { get; } = [];
    public List<double> Logprobs { get; } = [];
    public List<(int id, double logprob)[]> Top { get; } = [];
    public FinishReason? Finish { get; private set; }
    /// <summary>Where the completion's text is cut (a stop sequence), or null.</summary>
    public int? StopAt { get; private set; }
    private int searched;

    public bool Finished => Finish.HasValue;

    /// <summary>The completion's text so far, before any stop-sequence cut.</summary>
    public string Text => tokenizer.Decode(Tokens);

    /// <summary>
    /// The rows of a request, in OpenAI's choice order (sample s of prompt p at p × n + s), each with its own random
    /// stream when the request is seeded: where a request's <see cref="SamplingOptions"/> become per-row sampling.
    /// </summary>
    public static SequenceState[] ForRequest(int[][] prompts, SamplingOptions options, ITokenizer tokenizer, TorchSharp.torch.Device device)
    {
        var stops = new StopSequenceMatcher(options.Stop);
        var rows = new SequenceState[prompts.Length * options.N];
        for (var p = 0; p < prompts.Length; p++)
            for (var s = 0; s < options.N; s++)
                rows[p * options.N + s] = new SequenceState(p, s, prompts[p], options, options.RowSampling(s, device), stops, tokenizer);
        return rows;
    }

    /// <summary>
    /// Adds a sampled token and decides whether the sequence has ended. <paramref name="logprob"/> is NaN when the
    /// request did not ask for log-probabilities (they are then never computed, nor read).
    /// </summary>
    public void Append(int token, double logprob, (int id, double logprob)[]? top)
    {
        if (token == tokenizer.EndOfTextId && !options.IgnoreEos)
        {
            Finish = FinishReason.Stop; // EOS itself is not part of the completion
            return;
        }
        Tokens.Add(token);
        Logprobs.Add(logprob);
        if (top is not null) Top.Add(top);
        if (!stops.IsEmpty)
        {
            var text = tokenizer.Decode(Tokens);
            var at = stops.Find(text, searched);
            searched = text.Length;
            if (at >= 0)
            {
                StopAt = at;
                Finish = FinishReason.Stop;
                return;
            }
        }
        if (Tokens.Count >= options.MaxTokens) Finish = FinishReason.Length;
    }

    public void EndForLength() => Finish ??= FinishReason.Length;

    public static string TokenText(ITokenizer tokenizer, int id) => Encoding.UTF8.GetString(tokenizer.TokenBytes(id));
}
