using System.Diagnostics;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Memory.Bench;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;
using InstructGpt.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

// Resident-set flatness (docs/benchmarks.md, "Memory"): the tiny preset's model trained for --train-steps steps by the
// stages' OptimizationLoop (AdamW, cosine schedule, clipping, metrics, resumable state every 50 steps), and decoded
// for --decode-steps KV-cache steps by the CompletionGenerator every caller uses. RSS is sampled every 100 training steps
// and after every generate call (240 decode steps), past a warm-up of --warmup steps (200); the run passes when no later sample is
// more than 5% above the first.
//   dotnet run -c Release --project bench/Memory.Bench -- [--train-steps 1000] [--decode-steps 10000] [--batch 8] [--block 64] [--warmup 200] [--every 100]
TorchRuntime.Initialize();
var trainSteps = Option("--train-steps", 1000);
var decodeSteps = Option("--decode-steps", 10000);
var batch = Option("--batch", 8);
var block = Option("--block", 64);
const double Tolerance = 0.05; // the acceptance bound: resident set within 5%
// Warm-up: over the first ~200 training steps the resident set climbs once (allocator pools, the .NET heap, the optimizer
// state and the first resumable-state writes every 50 steps; measured 525 -> 561 MiB between steps 100 and 200) and
// then stays; samples from step 200 on are what a leak would move.
var warmup = Option("--warmup", 200);
var every = Option("--every", 100); // sample spacing in training steps

var config = TrainingPresets.Tiny.Model with { VocabSize = 4096, EosTokenId = 4095, BosTokenId = 4095 };
Console.WriteLine($"# {TorchRuntime.Description}, {torch.get_num_threads()} intra-op threads, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY")}");
Console.WriteLine($"# tiny preset model: {config.NLayer} layers x {config.NEmbd}, vocabulary {config.VocabSize}, context {config.NPositions}");
var failed = false;

if (trainSteps > 0)
{
    using var generator = new Generator(1);
    using var model = new GptLanguageModel(config, generator);
    model.train();
    var settings = TrainingPresets.Tiny.Pretrain;
    using var optimizer = OptimizerFactory.Create(model, settings.LearningRate, settings.WeightDecay);
    var home = Path.Combine(Path.GetTempPath(), $"memory-bench-{Guid.NewGuid():N}");
    var rss = new ResidentSet(warmup, every);
    var data = new Generator(2);
    var clock = Stopwatch.StartNew();
    try
    {
        var loop = new OptimizationLoop("pretrain", model, optimizer,
            new CosineSchedule(settings.LearningRate, trainSteps, settings.WarmupSteps, settings.FinalLearningRateFraction),
            new StageOptions { OutputDirectory = Path.Combine(home, "checkpoints", "memory"), Resume = false, CheckpointEvery = 50 })
        { GradientClip = settings.GradientClip, ValidateEvery = int.MaxValue };
        loop.Run(trainSteps, step =>
        {
            rss.Observe(step); // at the start of a step, before it allocates: every sample sees the same point of the loop
            var ids = torch.randint(0, config.VocabSize, new long[] { batch, block }, dtype: ScalarType.Int64, generator: data);
            return new StepResult(LanguageModelLoss.Compute(model.forward(ids), ids), ids.numel());
        });
    }
    finally
    {
        if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
    }
    Console.WriteLine($"train: {trainSteps} steps of batch {batch} x {block} in {clock.Elapsed.TotalSeconds:F0} s");
    Console.WriteLine(rss.Report("train", Tolerance));
    failed |= !rss.IsFlat(Tolerance);
}

if (decodeSteps > 0)
{
    using var generator = new Generator(3);
    using var model = new GptLanguageModel(config, generator);
    model.eval();
    var tokenizer = new IdTokenizer(config.VocabSize, config.EosTokenId);
    var sampler = new CompletionGenerator(model, tokenizer);
    var prompts = Enumerable.Range(0, batch).Select(i => (IReadOnlyList<int>)Enumerable.Range(i, 16).ToArray()).ToList();
    // Each generate call decodes MaxTokens steps for the whole batch (ignore_eos), sampled at temperature 1.
    var perCall = config.NPositions - 16;
    var rss = new ResidentSet(warmup, every);
    var clock = Stopwatch.StartNew();
    long done = 0;
    while (done < decodeSteps)
    {
        var steps = (int)Math.Min(perCall, decodeSteps - done);
        sampler.Generate(prompts, new SamplingOptions { MaxTokens = steps, Temperature = 1.0, IgnoreEos = true, Seed = (ulong)done });
        done += steps;
        if (done >= warmup) rss.Sample(done);
    }
    Console.WriteLine($"decode: {decodeSteps} steps at batch {batch} in {clock.Elapsed.TotalSeconds:F0} s");
    Console.WriteLine(rss.Report("decode", Tolerance));
    failed |= !rss.IsFlat(Tolerance);
}
return failed ? 1 : 0;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}

/// <summary>Token ids as text ("17 42 ..."): the decode loop's cost without a vocabulary file.</summary>
internal sealed class IdTokenizer(int vocabSize, int endOfTextId) : ITokenizer
{
    public int VocabSize { get; } = vocabSize;
    public int EndOfTextId { get; } = endOfTextId;
    public int[] Encode(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
    public string Decode(IReadOnlyList<int> ids) => string.Join(' ', ids);
    public byte[] TokenBytes(int id) => System.Text.Encoding.ASCII.GetBytes($"{id} ");
}
