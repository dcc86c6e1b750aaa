using System.Diagnostics;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Bench;

/// <summary>
/// The same model, prompt and length decoded in this process, without HTTP: the reference for "one streaming client
/// through the API keeps at least 80% of the bare decode loop's tokens/s". Two loops, batch 1, KV cache, one dispose
/// scope per step:
/// - bare: the model alone, greedy (argmax of the last logits), as bench/Inference.Bench decodes;
/// - generator: CompletionGenerator with the server's sampling (temperature 1, ignore_eos), what a request runs
///   minus the scheduler, the JSON chunks and the socket.
/// Each runs a warm-up, then <c>repeats</c> times; the median tokens/s is reported.
/// </summary>
internal static class InProcessDecode
{
    public static (double bare, double generator) Measure(string home, string prompt, int maxTokens, int threads, int repeats = 5)
    {
        TorchRuntime.Initialize();
        torch.set_num_threads(threads);
        var checkpoint = Checkpoint.Open(Path.Combine(home, "checkpoints", BenchModel.Name));
        var tokenizer = BpeTokenizer.Load(checkpoint.Directory);
        using var model = checkpoint.LoadLanguageModel(ScalarType.Float32, torch.CPU);
        var ids = tokenizer.Encode(prompt).Select(i => (long)i).ToArray();

        double Bare()
        {
            using var noGrad = torch.no_grad();
            using var cache = new InstructGpt.Inference.Model.KvCache(model.Config, 1, ids.Length + maxTokens, torch.CPU, ScalarType.Float32);
            var clock = Stopwatch.StartNew();
            var logits = model.LastLogits(torch.tensor(ids, new long[] { 1, ids.Length }), null, cache).DetachFromDisposeScope();
            for (var step = 0; step < maxTokens; step++)
            {
                using var scope = torch.NewDisposeScope();
                var next = logits.argmax(-1).item<long>();
                var nextLogits = model.LastLogits(torch.tensor(new[] { next }, new long[] { 1, 1 }), null, cache);
                logits.Dispose();
                logits = nextLogits.DetachFromDisposeScope();
            }
            logits.Dispose();
            return maxTokens / clock.Elapsed.TotalSeconds;
        }

        var generator = new CompletionGenerator(model, tokenizer);
        var options = new SamplingOptions { MaxTokens = maxTokens, Temperature = 1.0, IgnoreEos = true };
        double Generator()
        {
            var clock = Stopwatch.StartNew();
            var result = generator.Generate([prompt], options);
            return result.Sum(r => r.TokenIds.Count) / clock.Elapsed.TotalSeconds;
        }

        Bare();
        Generator();
        var bare = Enumerable.Range(0, repeats).Select(_ => Bare()).Order().ElementAt(repeats / 2);
        var sampled = Enumerable.Range(0, repeats).Select(_ => Generator()).Order().ElementAt(repeats / 2);
        return (bare, sampled);
    }
}
