using System.Diagnostics;
using System.Threading.Channels;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Serving;

/// <summary>How a waiting request joins the running batch: its prompts' prefill, its sequences and their random streams.</summary>
public sealed partial class ContinuousBatchScheduler
{
    /// <summary>Runs a request's prompts through the model and joins its sequences to the batch.</summary>
    private void Prefill(ScheduledRequest r)
    {
        var o = r.Options;
        var prompts = r.PromptIds;
        var width = prompts.Max(p => p.Length);
        var generators = new List<torch.Generator>();
        try
        {
            using var scope = torch.NewDisposeScope();
            var (ids, mask) = PromptBatch.LeftPad(prompts, width, device);
            using var cache = new KvCache(model.Config, prompts.Length, width, device, dtype);
            Tensor last;
            List<TokenLogprob>[]? echoLogprobs = null;
            if (o.Echo && o.Logprobs.HasValue)
            {
                var all = model.forward(ids, mask, cache);
                echoLogprobs = PromptBatch.PromptLogprobs(all, prompts, width, o.Logprobs.Value, tokenizer);
                last = all.select(1, -1);
            }
            else last = model.LastLogits(ids, mask, cache);
            Interlocked.Increment(ref prefills);

            var stops = new StopSequenceMatcher(o.Stop);
            var holdback = o.Stop.Count == 0 ? 0 : o.Stop.Max(s => s.Length) - 1;
            var sequences = new ScheduledSequence[r.Request.SequenceCount];
            for (var p = 0; p < prompts.Length; p++)
            {
                // OpenAI's text_offset counts from the start of the prompt, echoed or not.
                var promptText = o.Echo || o.Logprobs.HasValue ? tokenizer.Decode(prompts[p]) : "";
                for (var s = 0; s < o.N; s++)
                {
                    torch.Generator? generator = null;
                    if (o.Seed is { } seed)
                    {
                        generator = PromptBatch.SampleGenerator(seed, s, device);
                        generators.Add(generator);
                    }
                    var state = new SequenceState(p, s, prompts[p], new RowSampling(o.Temperature, o.TopK, o.TopP, generator), stops);
                    var index = p * o.N + s;
                    sequences[index] = new ScheduledSequence(r, index, state, holdback) { EchoText = o.Echo ? promptText : "", PromptTextLength = promptText.Length, EchoLogprobs = echoLogprobs?[p] ?? [] };
                }
            }
            r.Start(sequences, generators);
            generators.Clear(); // the request owns them now

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

            var rows = torch.tensor(sequences.Select(s => (long)s.State.PromptIndex).ToArray(), device: device);
            cache.SelectRows(rows);
            batch.Join(cache, last.index_select(0, rows), sequences);
            foreach (var s in sequences)
                if (s.Release(tokenizer) is { } delta) r.Publish(delta); // the echoed prompt, streamed first
        }
        catch
        {
            foreach (var g in generators) g.Dispose();
            throw;
        }
    }
}
