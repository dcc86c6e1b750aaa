using InstructGpt.Inference.Generation;

namespace InstructGpt.Inference.Serving;

/// <summary>How a waiting request joins the running batch: its prompts' prefill, its sequences and their random streams.</summary>
public sealed partial class ContinuousBatchScheduler
{
    /// <summary>Runs a request's prompts through the model and joins its sequences to the batch.</summary>
    private void Prefill(ScheduledRequest r)
    {
        var o = r.Options;
        var prompts = r.PromptIds;
        var states = SequenceState.ForRequest(prompts, o, tokenizer, device);
        // The request owns the rows' random streams from here, and frees them when it ends.
        r.Own(states.Select(s => s.Sampling.Generator).OfType<TorchSharp.torch.Generator>());
        // Each prompt is prefilled once, into a cache just as long (joining copies it into the batch's).
        using var prefilled = PrefilledPrompts.Run(model, prompts, 0, o.Echo ? o.Logprobs : null, tokenizer);
        Interlocked.Increment(ref prefills);

        var holdback = o.Stop.Count == 0 ? 0 : o.Stop.Max(s => s.Length) - 1;
        // OpenAI's text_offset counts from the start of the prompt, echoed or not.
        var promptTexts = prompts.Select(p => o.Echo || o.Logprobs.HasValue ? tokenizer.Decode(p) : "").ToArray();
        var sequences = states.Select((state, index) => new ScheduledSequence(r, index, state, holdback)
        {
            EchoText = o.Echo ? promptTexts[state.PromptIndex] : "",
            PromptTextLength = promptTexts[state.PromptIndex].Length,
            EchoLogprobs = prefilled.EchoLogprobs?[state.PromptIndex] ?? [],
        }).ToArray();
        r.Start(sequences);

        if (o.MaxTokens == 0)
        {
            // echo with max_tokens 0: the prompt (and its logprobs) is the whole answer.
            foreach (var s in sequences)
            {
                s.State.EndForLength();
                if (s.Release(tokenizer) is { } delta) r.Publish(delta);
            }
            Finish(r);
            return;
        }

        batch.Join(prefilled, sequences, sequences.Select(s => s.State.PromptIndex).ToList());
        foreach (var s in sequences)
            if (s.Release(tokenizer) is { } delta) r.Publish(delta); // the echoed prompt, streamed first
    }
}
