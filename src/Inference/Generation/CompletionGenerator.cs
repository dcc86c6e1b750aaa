using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// Generates completions for a batch of prompts with the KV cache: prompts of different lengths are
/// left-padded into one prefill, then every step decodes one token for all unfinished sequences.
/// Finished sequences leave the batch. Same seed, same output; temperature 0 is greedy.
/// </summary>
public sealed class CompletionGenerator(GptLanguageModel model, ITokenizer tokenizer)
{
    public GptLanguageModel Model { get; } = model;
    public ITokenizer Tokenizer { get; } = tokenizer;

    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<string> prompts, SamplingOptions options, CancellationToken cancellation = default) =>
        Generate(prompts.Select(p => (IReadOnlyList<int>)Tokenizer.Encode(p)).ToList(), options, cancellation);

    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        if (prompts.Count == 0) return [];
        var config = Model.Config;
        var promptIds = PromptBatch.Check(prompts, options.MaxTokens, Math.Min(config.VocabSize, Tokenizer.VocabSize), config.NPositions, Tokenizer.EndOfTextId);
        var device = Model.transformer.wte.weight!.device;

        var generators = new List<torch.Generator>();
        try
        {
            var stops = new StopSequenceMatcher(options.Stop);
            var rows = new List<SequenceState>();
            for (var p = 0; p < promptIds.Length; p++)
                for (var s = 0; s < options.N; s++)
                {
                    torch.Generator? generator = null;
                    if (options.Seed is { } seed)
                    {
                        generator = PromptBatch.SampleGenerator(seed, s, device);
                        generators.Add(generator);
                    }
                    rows.Add(new SequenceState(p, s, promptIds[p], new RowSampling(options.Temperature, options.TopK, options.TopP, generator), stops));
                }
            var promptLogprobs = Run(rows, options, cancellation);
            return rows.Select(r => Result(r, options, promptLogprobs)).ToList();
        }
        finally
        {
            foreach (var g in generators) g.Dispose();
        }
    }

    /// <summary>Runs prefill and the decode loop; returns the echoed prompts' token logprobs (by prompt index) when requested.</summary>
    private Dictionary<int, List<TokenLogprob>> Run(List<SequenceState> rows, SamplingOptions options, CancellationToken cancellation)
    {
        var device = Model.transformer.wte.weight!.device;
        var dtype = Model.transformer.wte.weight!.dtype;
        var width = rows.Max(r => r.PromptIds.Length);
        var promptLogprobs = new Dictionary<int, List<TokenLogprob>>();
        using var noGrad = torch.no_grad();
        using var cache = new KvCache(Model.Config, rows.Count, width + Math.Max(1, options.MaxTokens), device, dtype);
        var active = Enumerable.Range(0, rows.Count).ToList();

        Tensor logits;
        using (var scope = torch.NewDisposeScope())
        {
            var (ids, mask) = PromptBatch.LeftPad(rows.Select(r => r.PromptIds).ToList(), width, device);
            if (options.Echo && options.Logprobs is { } topCount)
            {
                var all = Model.forward(ids, mask, cache);
                var entries = PromptBatch.PromptLogprobs(all, rows.Select(r => r.PromptIds).ToList(), width, topCount, Tokenizer);
                for (var r = 0; r < rows.Count; r++) promptLogprobs.TryAdd(rows[r].PromptIndex, entries[r]);
                logits = all.select(1, -1).MoveToOuterDisposeScope();
            }
            else logits = Model.LastLogits(ids, mask, cache).MoveToOuterDisposeScope();
        }

        try
        {
            for (var step = 0; step < options.MaxTokens && active.Count > 0; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var sampled = TokenSampler.Sample(logits, active.Select(i => rows[i].Sampling).ToList(), options.Logprobs);
                for (var k = 0; k < active.Count; k++)
                    rows[active[k]].Append((int)sampled.Tokens[k], sampled.Logprobs?[k] ?? double.NaN, sampled.Top?[k], Tokenizer, Tokenizer.EndOfTextId, options.IgnoreEos, options.MaxTokens);

                var keep = Enumerable.Range(0, active.Count).Where(k => !rows[active[k]].Finished).ToList();
                if (keep.Count == 0) break;
                var next = torch.tensor(keep.Select(k => sampled.Tokens[k]).ToArray(), new long[] { keep.Count, 1 }, device: device);
                if (keep.Count < active.Count) cache.SelectRows(torch.tensor(keep.Select(k => (long)k).ToArray(), device: device));
                active = keep.Select(k => active[k]).ToList();
                var nextLogits = Model.LastLogits(next, null, cache).MoveToOuterDisposeScope();
                logits.Dispose();
                logits = nextLogits.DetachFromDisposeScope();
            }
        }
        finally
        {
            logits.Dispose();
        }
        foreach (var r in rows) r.EndForLength();
        return promptLogprobs;
    }

    private GeneratedSequence Result(SequenceState row, SamplingOptions options, Dictionary<int, List<TokenLogprob>> promptLogprobs)
    {
        var completion = Tokenizer.Decode(row.Tokens);
        var tokens = row.Tokens.ToList();
        if (row.StopAt is { } cut)
        {
            completion = completion[..cut];
            // Keep the tokens whose text starts before the cut.
            while (tokens.Count > 0 && Tokenizer.Decode(tokens[..^1]).Length >= cut) tokens.RemoveAt(tokens.Count - 1);
        }
        // OpenAI's text_offset counts from the start of the prompt, echoed or not.
        var promptText = options.Echo || options.Logprobs.HasValue ? Tokenizer.Decode(row.PromptIds) : "";
        List<TokenLogprob>? logprobs = null;
        if (options.Logprobs.HasValue)
        {
            logprobs = [];
            if (options.Echo && promptLogprobs.TryGetValue(row.PromptIndex, out var entries)) logprobs.AddRange(entries);
            for (var j = 0; j < tokens.Count; j++)
                logprobs.Add(Entry(tokens[j], row.Logprobs[j], j < row.Top.Count ? row.Top[j] : [], promptText.Length + Tokenizer.Decode(tokens[..j]).Length));
        }
        return new GeneratedSequence(row.PromptIndex, row.SampleIndex, (options.Echo ? promptText : "") + completion, row.PromptIds, tokens, row.Finish!.Value, logprobs);
    }

    private TokenLogprob Entry(int id, double? logprob, (int id, double logprob)[] top, int offset) =>
        new(id, SequenceState.TokenText(Tokenizer, id), logprob, top.Select(t => new TopLogprob(t.id, SequenceState.TokenText(Tokenizer, t.id), t.logprob)).ToList(), offset);
}
