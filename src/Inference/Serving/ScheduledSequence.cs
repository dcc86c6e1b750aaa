using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// One completion in the decode batch: its <see cref="SequenceState"/>, how much of its text has been
/// streamed, and its timing. Text is released conservatively while the sequence runs: never the last
/// (longest stop − 1) characters, which could still turn out to start a stop sequence, and never a trailing
/// U+FFFD, which may be a UTF-8 character whose remaining bytes come with the next token. So streamed deltas
/// add up to exactly the final text, which follows <see cref="CompletionGenerator"/>'s rules.
/// </summary>
internal sealed class ScheduledSequence(ScheduledRequest owner, int index, SequenceState state, int holdback) : IDecodingRow
{
    private readonly List<int> offsets = []; // offsets[j]: length of the completion's text before token j
    private string text = "";
    private int releasedChars;
    private int releasedTokens;
    private bool echoReleased;

    public ScheduledRequest Owner { get; } = owner;
    public int Index { get; } = index;
    public SequenceState State { get; } = state;

    /// <summary>Tokens sampled, including a final end-of-text token (what usage counts).</summary>
    public int Sampled { get; private set; }

    public long LastTokenAt { get; set; }

    /// <summary>The prompt's text when echo is on, else empty.</summary>
    public string EchoText { get; init; } = "";

    /// <summary>The prompt's length in characters when logprobs are on: where the completion's text offsets start.</summary>
    public int PromptTextLength { get; init; }

    /// <summary>The prompt's token logprobs when echo and logprobs are both on.</summary>
    public IReadOnlyList<TokenLogprob> EchoLogprobs { get; init; } = [];

    private bool WantsLogprobs => Owner.Options.Logprobs.HasValue;

    public RowSampling Sampling => State.Sampling;

    /// <summary>Ended, or its request was cancelled or is over: the batch drops the row.</summary>
    public bool Finished => State.Finished || Owner.CancelRequested || Owner.State != ScheduledRequest.Running;

    /// <summary>
    /// Takes the row's token. The batch computes as many top entries as the most demanding request in it asked for;
    /// this request keeps its own count.
    /// </summary>
    public void Append(int token, double logprob, (int id, double logprob)[]? top)
    {
        var wanted = Owner.Options.Logprobs ?? 0;
        Sampled++;
        State.Append(token, logprob, wanted > 0 && top is not null ? top[..Math.Min(wanted, top.Length)] : null);
        if (State.Tokens.Count > offsets.Count)
        {
            offsets.Add(text.Length);
            text = State.Text;
        }
    }

    /// <summary>The text and token logprobs that can be streamed now, or null when there is nothing new.</summary>
    public SequenceDelta? Release(ITokenizer tokenizer)
    {
        int safe, tokenLimit;
        if (State.Finished)
        {
            (safe, tokenLimit) = FinalExtent();
            safe = Math.Max(safe, releasedChars);
            tokenLimit = Math.Max(tokenLimit, releasedTokens);
        }
        else
        {
            var end = text.Length;
            while (end > 0 && text[end - 1] == '\uFFFD') end--;
            safe = Math.Max(releasedChars, Math.Min(end, text.Length - holdback));
            tokenLimit = releasedTokens;
            while (tokenLimit < offsets.Count && offsets[tokenLimit] < safe) tokenLimit++;
        }

        var prefix = echoReleased ? "" : EchoText;
        var newText = prefix + text[releasedChars..safe];
        List<TokenLogprob>? logprobs = null;
        if (WantsLogprobs)
        {
            logprobs = echoReleased ? [] : [.. EchoLogprobs];
            for (var j = releasedTokens; j < tokenLimit; j++) logprobs.Add(Entry(j, tokenizer));
        }
        var hasNews = newText.Length > 0 || tokenLimit > releasedTokens || State.Finished;
        echoReleased = true;
        releasedChars = safe;
        releasedTokens = tokenLimit;
        return hasNews ? new SequenceDelta(Index, newText, logprobs, State.Finish) : null;
    }

    /// <summary>The whole completion, as <see cref="CompletionGenerator"/> would return it.</summary>
    public GeneratedSequence Result(ITokenizer tokenizer)
    {
        var (length, kept) = FinalExtent();
        List<TokenLogprob>? logprobs = null;
        if (WantsLogprobs)
        {
            logprobs = [.. EchoLogprobs];
            for (var j = 0; j < kept; j++) logprobs.Add(Entry(j, tokenizer));
        }
        return new GeneratedSequence(State.PromptIndex, State.SampleIndex, EchoText + text[..length], State.PromptIds,
            State.Tokens.Take(kept).ToList(), State.Finish ?? FinishReason.Length, logprobs);
    }

    /// <summary>Characters and tokens of the final completion: a stop sequence cuts the text, and tokens that start after the cut go.</summary>
    private (int length, int tokens) FinalExtent()
    {
        if (State.StopAt is not { } cut) return (text.Length, offsets.Count);
        var kept = 0;
        while (kept < offsets.Count && offsets[kept] < cut) kept++;
        return (cut, kept);
    }

    private TokenLogprob Entry(int j, ITokenizer tokenizer)
    {
        var top = j < State.Top.Count ? State.Top[j] : [];
        return new TokenLogprob(State.Tokens[j], SequenceState.TokenText(tokenizer, State.Tokens[j]), State.Logprobs[j],
            top.Select(t => new TopLogprob(t.id, SequenceState.TokenText(tokenizer, t.id), t.logprob)).ToList(), PromptTextLength + offsets[j]);
    }
}
