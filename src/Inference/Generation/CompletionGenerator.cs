using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Generation;

/// <summary>
/// Generates completions for a batch of prompts with the KV cache (the CLI, the evaluation, the comparisons stage):
/// the prompts of different lengths are left-padded into one prefill, then a <see cref="GenerationBatch{TRow}"/>
/// decodes one token for all unfinished sequences per step. Finished sequences leave the batch. Same seed, same
/// output; temperature 0 is greedy.
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
        var rows = SequenceState.ForRequest(promptIds, options, Tokenizer, Model.transformer.wte.weight!.device);
        try
        {
            var promptLogprobs = Run(rows, options, cancellation);
            return rows.Select(r => Result(r, options, promptLogprobs)).ToList();
        }
        finally
        {
            foreach (var r in rows) r.Sampling.Generator?.Dispose();
        }
    }

    /// <summary>
    /// Joins every row at once (each row prefilled on its own, n samples included, into a cache just large enough) and
    /// steps until none is left; returns the echoed prompts' token logprobs (by prompt index) when requested.
    /// </summary>
    private Dictionary<int, List<TokenLogprob>> Run(SequenceState[] rows, SamplingOptions options, CancellationToken cancellation)
    {
        var promptLogprobs = new Dictionary<int, List<TokenLogprob>>();
        using var batch = new GenerationBatch<SequenceState>(Model);
        using (var prefilled = PrefilledPrompts.Run(Model, rows.Select(r => r.PromptIds).ToList(), Math.Max(1, options.MaxTokens), options.Echo ? options.Logprobs : null, Tokenizer))
        {
            if (prefilled.EchoLogprobs is { } entries)
                for (var r = 0; r < rows.Length; r++) promptLogprobs.TryAdd(rows[r].PromptIndex, entries[r]);
            batch.Join(prefilled, rows);
        }
        for (var step = 0; step < options.MaxTokens; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!batch.Step(options.Logprobs)) break;
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
