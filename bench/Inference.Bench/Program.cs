using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InstructGpt.Inference.Bench;
using InstructGpt.Inference.Engine;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

// Greedy decode throughput of randomly initialised GPT-2 presets on the CPU, with and without the KV cache.
// bench/peers/decode_peer.py is the same benchmark in plain PyTorch and prints the same lines;
// bench/run-decode-bench.sh (through bench/decode_compare.py) runs both and compares them.
//
// usage: InstructGpt.Inference.Bench [--runs PRESET:BATCH:MODE:NEW:REPEATS,...] [--generator PRESET:BATCH:NEW:REPEATS]
//                                    [--threads N] [--prompt N] [--seed N] [--export DIR] [--serve]
//   MODE is kv (preallocated KvCache, one token per step) or recompute (no cache: the whole sequence each step).
//   --threads N sets libtorch's intra-op threads (torch.set_num_threads; default 2).
//   --serve reads commands from stdin, one per line, and ends each answer with a line "DONE":
//     run PRESET:BATCH:MODE:NEW:REPEATS | generator PRESET:BATCH:NEW:REPEATS | export DIR
//   so that a driver can alternate ours and the peer run by run on a shared machine.
//        InstructGpt.Inference.Bench matmul [THREADS]: float32 products at the model's shapes (MatMulBench.cs).

if (args is ["matmul", ..]) // bench/run-matmul-bench.sh: matmul [THREADS]
{
    InstructGpt.Inference.Bench.MatMulBench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2);
    return;
}
var options = BenchOptions.Parse(args);
// As the project's hosts do (OpenMP's passive wait unless OMP_WAIT_POLICY is set), then the bench's own thread count.
TorchRuntime.Initialize();
torch.set_num_threads(options.Threads);
Console.WriteLine($"# ours: {TorchRuntime.Description}, intra-op threads {torch.get_num_threads()}, interop threads {torch.get_num_interop_threads()}, " +
                  $"attention: libtorch's scaled_dot_product_attention, .NET {Environment.Version}, " +
                  $"OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"} " +
                  $"OPENBLAS_NUM_THREADS={Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") ?? "(unset)"}");
var bench = new DecodeBench(options);
if (options.Export is { } exportDirectory) bench.Export(exportDirectory);
foreach (var run in options.Runs) Console.WriteLine(bench.Run(run));
if (options.Generator is { } g) Console.WriteLine(bench.Generator(g));
if (options.Serve)
{
    while (Console.ReadLine() is { } command)
    {
        var parts = command.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) continue;
        try
        {
            switch (parts[0])
            {
                case "run": Console.WriteLine(bench.Run(BenchOptions.ParseRun(parts[1]))); break;
                case "generator": Console.WriteLine(bench.Generator(BenchOptions.ParseGenerator(parts[1]))); break;
                case "export": bench.Export(parts[1]); break;
                case "quit": return;
                default: Console.WriteLine($"ERROR unknown command '{command}'"); break;
            }
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException)
        {
            Console.WriteLine($"ERROR {e.Message}");
        }
        Console.WriteLine("DONE");
    }
}
bench.Dispose();
