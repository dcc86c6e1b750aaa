using System.Diagnostics;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Api.Bench;

/// <summary>
/// The same model, prompt and length decoded in the benchmark's own process, without HTTP: the reference for "one
/// streaming client through the API keeps at least 80% of the bare decode loop's tokens/s". Two loops, batch 1, KV
/// cache, one dispose scope per step, each timed from the prompt's prefill to the last token, as a request is:
/// - bare: the model alone, greedy (argmax of the last logits), as bench/Inference.Bench decodes;
/// - generator: CompletionGenerator with the server's sampling (temperature 1, ignore_eos), what a request runs
///   minus the scheduler, the JSON chunks and the socket.
/// The benchmark alternates these with streamed requests to the running server, so that each ratio compares runs
/// made moments apart on this shared machine.
/// </summary>
internal sealed class InProcessDecode : IDisposable
{
    private readonly GptLanguageModel model;
    private readonly CompletionGenerator generator;
    private readonly long[] ids;
    private readonly string prompt;
    private readonly int maxTokens;

    public InProcessDecode(string home, string prompt, int maxTokens, int threads)
    {
        TorchRuntime.Initialize();
        torch.set_num_threads(threads);
        var checkpoint = Checkpoint.Open(Path.Combine(home, "checkpoints", BenchModel.Name));
        var tokenizer = BpeTokenizer.Load(checkpoint.Directory);
        model = checkpoint.LoadLanguageModel(ScalarType.Float32, torch.CPU);
        generator = new CompletionGenerator(model, tokenizer);
        ids = tokenizer.Encode(prompt).Select(i => (long)i).ToArray();
        this.prompt = prompt;
        this.maxTokens = maxTokens;
    }

    /// <summary>Tokens/s of the bare greedy loop.</summary>
    public double Bare()
    {
        using var noGrad = torch.no_grad();
        using var cache = new KvCache(model.Config, 1, ids.Length + maxTokens, torch.CPU, ScalarType.Float32);
        var clock = Stopwatch.StartNew();
        var logits = model.LastLogits(torch.tensor(ids, new long[] { 1, ids.Length }), null, cache).DetachFromDisposeScope();
        for (var step = 0; step < maxTokens; step++)
        {
            using var scope = torch.NewDisposeScope();
            var next = logits.argmax(-1).ToInt64();
            var nextLogits = model.LastLogits(torch.tensor(new[] { next }, new long[] { 1, 1 }), null, cache);
            logits.Dispose();
            logits = nextLogits.DetachFromDisposeScope();
        }
        logits.Dispose();
        return maxTokens / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Tokens/s of CompletionGenerator sampling at temperature 1.</summary>
    public double Generator()
    {
        var options = new SamplingOptions { MaxTokens = maxTokens, Temperature = 1.0, IgnoreEos = true };
        var clock = Stopwatch.StartNew();
        var result = generator.Generate([prompt], options);
        return result.Sum(r => r.TokenIds.Count) / clock.Elapsed.TotalSeconds;
    }

    public void Dispose() => model.Dispose();
}
