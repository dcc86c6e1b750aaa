using System.Text;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Generation;

/// <summary>One sequence being generated: its prompt, its tokens so far, and whether (and why) it ended.</summary>
internal sealed class SequenceState(int promptIndex, int sampleIndex, int[] promptIds, RowSampling sampling, StopSequenceMatcher stops)
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

    /// <summary>
    /// Adds a sampled token and decides whether the sequence has ended. <paramref name="logprob"/> is NaN when the
    /// request did not ask for log-probabilities (they are then never computed, nor read).
    /// </summary>
    public void Append(int token, double logprob, (int id, double logprob)[]? top, ITokenizer tokenizer, int eos, bool ignoreEos, int maxTokens)
    {
        if (token == eos && !ignoreEos)
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
        if (Tokens.Count >= maxTokens) Finish = FinishReason.Length;
    }

    public void EndForLength() => Finish ??= FinishReason.Length;

    public static string TokenText(ITokenizer tokenizer, int id) => Encoding.UTF8.GetString(tokenizer.TokenBytes(id));
}
