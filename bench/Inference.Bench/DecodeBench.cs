using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Inference.Bench;

internal sealed class DecodeBench(BenchOptions options) : IDisposable
{
    private readonly Dictionary<string, GptLanguageModel> models = [];
    private readonly HashSet<(string, int, DecodeMode)> warmed = [];

    /// <summary>The preset, randomly initialised (seeded), float32, CPU, eval mode; built once per process.</summary>
    public GptLanguageModel Model(string preset)
    {
        if (!models.TryGetValue(preset, out var model))
        {
            var start = Stopwatch.GetTimestamp();
            using var generator = new Generator(options.Seed);
            var config = GptPresets.Get(preset);
            // micro and tiny keep GPT-2's EOS/BOS id (50256), outside their 4,096-token vocabularies, so the preset
            // alone fails validation; their real ids come from the trained tokenizer. Any in-range id does for timing.
            if (config.EosTokenId >= config.VocabSize)
                config = config with { EosTokenId = config.VocabSize - 1, BosTokenId = config.VocabSize - 1 };
            model = new GptLanguageModel(config, generator);
            model.eval();
            models[preset] = model;
            Console.WriteLine($"# built {preset}: {model.parameters().Sum(p => p.numel()) / 1e6:F1}M parameters in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
        }
        return model;
    }

    /// <summary>Times <see cref="RunSpec.Repeats"/> runs after one short warm-up per shape; returns the result line (medians).</summary>
    public string Run(RunSpec run)
    {
        var model = Model(run.Preset);
        // Warm-up: a short run of the same shape (first calls allocate, and the JIT compiles the loop).
        if (warmed.Add((run.Preset, run.Batch, run.Mode))) Decode(model, run.Batch, options.Prompt, Math.Min(8, run.NewTokens), run.Mode);
        var results = Enumerable.Range(0, run.Repeats).Select(_ => Decode(model, run.Batch, options.Prompt, run.NewTokens, run.Mode)).ToList();
        return Line("ours", run, options.Prompt, Stats.Median(results.Select(r => r.PrefillSeconds)), Stats.Median(results.Select(r => r.DecodeSeconds)),
            Stats.Median(results.Select(r => r.PrefillSeconds + r.DecodeSeconds)), Stats.Median(results.Select(r => r.DecodeCpuSeconds)));
    }

    /// <summary>
    /// CompletionGenerator (greedy, IgnoreEos, trivial tokenizer) end to end against the bare loop at the same
    /// configuration, alternated run by run; both include the prefill.
    /// </summary>
    public string Generator(GeneratorSpec g)
    {
        var model = Model(g.Preset);
        var tokenizer = new TrivialTokenizer(model.Config.VocabSize, model.Config.EosTokenId);
        var generator = new CompletionGenerator(model, tokenizer);
        var prompts = Enumerable.Range(0, g.Batch).Select(b => (IReadOnlyList<int>)PromptRow(b, options.Prompt, model.Config.VocabSize)).ToList();
        var sampling = new SamplingOptions { MaxTokens = g.NewTokens, Temperature = 0, IgnoreEos = true };
        generator.Generate(prompts, sampling with { MaxTokens = Math.Min(8, g.NewTokens) });
        Decode(model, g.Batch, options.Prompt, Math.Min(8, g.NewTokens), DecodeMode.Kv);
        var generatorSeconds = new List<double>();
        var loopSeconds = new List<double>();
        var same = true;
        for (var r = 0; r < g.Repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            var sequences = generator.Generate(prompts, sampling);
            generatorSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            var loop = Decode(model, g.Batch, options.Prompt, g.NewTokens, DecodeMode.Kv);
            loopSeconds.Add(loop.PrefillSeconds + loop.DecodeSeconds);
            for (var b = 0; b < g.Batch; b++)
                same &= sequences[b].TokenIds.SequenceEqual(loop.Tokens.Skip(b * g.NewTokens).Take(g.NewTokens).Select(t => (int)t));
        }
        var tokens = (double)g.Batch * g.NewTokens;
        var generatorMedian = Stats.Median(generatorSeconds);
        var loopMedian = Stats.Median(loopSeconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"GENERATOR impl=ours preset={g.Preset} batch={g.Batch} prompt={options.Prompt} new={g.NewTokens} repeats={g.Repeats} " +
            $"generator_s={generatorMedian:F4} loop_s={loopMedian:F4} generator_e2e_tok_s={tokens / generatorMedian:F1} " +
            $"loop_e2e_tok_s={tokens / loopMedian:F1} overhead_pct={100 * (generatorMedian / loopMedian - 1):F1} same_tokens={(same ? "yes" : "NO")}");
    }

    public void Dispose()
    {
        foreach (var model in models.Values) model.Dispose();
    }

    /// <summary>Prompt token j of row b; the peer uses the same formula, so both decode the same prompts.</summary>
    public static int[] PromptRow(int b, int length, int vocab) =>
        Enumerable.Range(0, length).Select(j => (int)((b * 1009L + j * 97L + 11) % vocab)).ToArray();

    /// <summary>
    /// Greedy decode of <paramref name="newTokens"/> tokens for every row: the first comes from the prefill's
    /// logits, each later one from a decode step (argmax of the previous logits, copied to the host as the
    /// generator does, then one forward). Returns the prefill time, the time of everything after it, and the
    /// tokens [batch × newTokens], row-major.
    /// </summary>
    public static DecodeResult Decode(GptLanguageModel model, int batch, int promptLength, int newTokens, DecodeMode mode)
    {
        var config = model.Config;
        var ids = new long[batch * promptLength];
        for (var b = 0; b < batch; b++)
        {
            var row = PromptRow(b, promptLength, config.VocabSize);
            for (var j = 0; j < promptLength; j++) ids[b * promptLength + j] = row[j];
        }
        var generated = new long[batch, newTokens];

        using var noGrad = torch.no_grad();
        using var prompt = torch.tensor(ids, [batch, promptLength], device: torch.CPU);
        using var cache = mode == DecodeMode.Kv ? new KvCache(config, batch, promptLength + newTokens, torch.CPU, ScalarType.Float32) : null;
        var sequence = prompt; // recompute: the growing sequence

        var start = Stopwatch.GetTimestamp();
        var logits = model.LastLogits(prompt, null, cache);
        var prefillEnd = Stopwatch.GetTimestamp();
        var cpuStart = CpuSeconds();
        try
        {
            for (var step = 0; step < newTokens; step++)
            {
                // One dispose scope per step: everything the step makes is freed at its end, except the logits kept for the next.
                using var scope = torch.NewDisposeScope();
                var next = logits.argmax(-1);
                var host = next.data<long>().ToArray();
                for (var b = 0; b < batch; b++) generated[b, step] = host[b];
                if (step == newTokens - 1) break;
                Tensor nextLogits;
                if (cache is not null) nextLogits = model.LastLogits(next.view(batch, 1), null, cache);
                else
                {
                    var longer = torch.cat(new[] { sequence, next.view(batch, 1) }, 1).DetachFromDisposeScope();
                    if (!ReferenceEquals(sequence, prompt)) sequence.Dispose();
                    sequence = longer;
                    nextLogits = model.LastLogits(sequence, null, null);
                }
                logits.Dispose();
                logits = nextLogits.DetachFromDisposeScope();
            }
        }
        finally
        {
            logits.Dispose();
            if (!ReferenceEquals(sequence, prompt)) sequence.Dispose();
        }
        var end = Stopwatch.GetTimestamp();
        var decodeCpu = CpuSeconds() - cpuStart;
        var tokens = new long[batch * newTokens];
        Buffer.BlockCopy(generated, 0, tokens, 0, tokens.Length * sizeof(long));
        return new DecodeResult(Stopwatch.GetElapsedTime(start, prefillEnd).TotalSeconds, Stopwatch.GetElapsedTime(prefillEnd, end).TotalSeconds, decodeCpu, tokens);
    }

    /// <summary>CPU time of the whole process (all threads), user + system.</summary>
    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>
    /// One result line, the same format as the peer's. decode_tok_s counts the batch × (new − 1) tokens whose
    /// forward pass ran after the prefill; e2e_tok_s counts all batch × new tokens over prefill + decode.
    /// </summary>
    public static string Line(string impl, RunSpec run, int prompt, double prefill, double decode, double total, double decodeCpu) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DECODE impl={impl} preset={run.Preset} batch={run.Batch} mode={(run.Mode == DecodeMode.Kv ? "kv" : "recompute")} " +
            $"prompt={prompt} new={run.NewTokens} repeats={run.Repeats} prefill_ms={prefill * 1e3:F2} decode_s={decode:F4} " +
            $"decode_tok_s={(double)run.Batch * (run.NewTokens - 1) / decode:F1} e2e_tok_s={(double)run.Batch * run.NewTokens / total:F1} " +
            $"decode_cpu_s={decodeCpu:F4}");

    /// <summary>
    /// Writes the model's weights (HF names, Conv1D [in, out]) and our greedy tokens and prefill logits for a
    /// small batch, so the peer can check it computes the same function before its timings are compared.
    /// </summary>
    public void Export(string directory)
    {
        var model = Model("tiny");
        var promptLength = options.Prompt;
        const int batch = 3, newTokens = 24;
        Directory.CreateDirectory(directory);
        SafetensorsWriter.Save(Path.Combine(directory, "model.safetensors"), model.state_dict());
        File.WriteAllText(Path.Combine(directory, "config.json"), model.Config.ToJson());
        var kv = Decode(model, batch, promptLength, newTokens, DecodeMode.Kv);
        var recompute = Decode(model, batch, promptLength, newTokens, DecodeMode.Recompute);
        float[] prefillLogits;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var ids = Enumerable.Range(0, batch).SelectMany(b => PromptRow(b, promptLength, model.Config.VocabSize)).Select(i => (long)i).ToArray();
            prefillLogits = model.LastLogits(torch.tensor(ids, [batch, promptLength], device: torch.CPU)).data<float>().ToArray();
        }
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["batch"] = batch, ["prompt"] = promptLength, ["new"] = newTokens,
            ["kv_tokens"] = kv.Tokens, ["recompute_tokens"] = recompute.Tokens, ["prefill_logits"] = prefillLogits,
        });
        File.WriteAllText(Path.Combine(directory, "reference.json"), json);
        Console.WriteLine($"# exported tiny weights and greedy tokens to {directory}; kv and recompute tokens agree: {(kv.Tokens.SequenceEqual(recompute.Tokens) ? "yes" : "NO")}");
    }
}
