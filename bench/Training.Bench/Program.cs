using System.Diagnostics;
using System.Globalization;
using InstructGpt.Inference.Engine;
using InstructGpt.Training.Bench;
using TorchSharp;

// Training tokens/s of the tiny preset's pretraining and SFT steps, through the real training code (OptimizationLoop,
// OptimizerFactory, LanguageModelLoss, TokenBlocks / DemonstrationBatches, GptLanguageModel) on the real default world.
// bench/peers/train_peer.py is the same training step in plain PyTorch; bench/run-train-bench.sh runs both.
//
// usage: InstructGpt.Training.Bench prepare --home DIR [--batches N] [--seed N]
//          builds the default world and the tiny tokenizer in DIR, and for each workload writes its first N batches
//          (default 41) and its reference step for the peer
//        InstructGpt.Training.Bench serve --home DIR --workload pretrain|sft [--seed N]
//          builds the workload, checks that it makes the batches DIR holds, then answers commands read from stdin,
//          each answer ending with a line "DONE":
//            ready | warmup N | round N | profile N | stats | quit
//          so that a driver can alternate ours and the peer round by round on a shared machine.
//        InstructGpt.Training.Bench threads
//          prints the intra-op thread count ours runs with (INSTRUCTGPT_NUM_THREADS, else libtorch's default), so the
//          driver can give the peer the same.

try
{
    var options = BenchOptions.Parse(args);
    // As the project's hosts do: OpenMP's passive wait (unless OMP_WAIT_POLICY is set) and INSTRUCTGPT_NUM_THREADS.
    TorchRuntime.Initialize();
    if (options.Command == "threads")
    {
        Console.WriteLine(torch.get_num_threads());
        return 0;
    }
    var home = new BenchHome(options.Home);
    if (options.Command == "prepare") Prepare(home, options);
    else Serve(home, options);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static void Prepare(BenchHome home, BenchOptions options)
{
    var clock = Stopwatch.StartNew();
    home.BuildWorldAndTokenizer();
    Console.WriteLine($"# world and {home.LoadTokenizer().VocabSize}-token tokenizer built in {home.Directory} in {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var name in Workload.Names)
    {
        using var workload = Workload.Create(name, home, options.Seed);
        BatchFile.Write(workload, options.Batches, home.BatchesFile(name));
        ReferenceStep.Export(workload, home.CheckDirectory(name)); // last: its step changes the weights
    }
}

static void Serve(BenchHome home, BenchOptions options)
{
    string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "(unset)";
    Console.WriteLine($"# ours: {TorchRuntime.Description}, intra-op threads {torch.get_num_threads()}, interop threads {torch.get_num_interop_threads()}, " +
                      $".NET {Environment.Version}, INSTRUCTGPT_NUM_THREADS={Env("INSTRUCTGPT_NUM_THREADS")} OMP_WAIT_POLICY={Env("OMP_WAIT_POLICY")} " +
                      $"OPENBLAS_NUM_THREADS={Env("OPENBLAS_NUM_THREADS")}");
    var clock = Stopwatch.StartNew();
    using var workload = Workload.Create(options.Workload, home, options.Seed);
    var batches = BatchFile.Verify(workload, home.BatchesFile(workload.Name));
    Console.WriteLine($"# ours {workload.Name}: {workload.Model.parameters().Sum(p => p.numel()) / 1e6:F2}M parameters, batch {workload.BatchSize}, " +
                      $"built in {clock.Elapsed.TotalSeconds:F1} s; batches 0-{batches - 1} are the ones in {home.BatchesFile(workload.Name)}");
    int Steps(string[] parts)
    {
        var steps = int.Parse(parts.Length > 1 ? parts[1] : throw new FormatException($"'{parts[0]}' needs a step count"), CultureInfo.InvariantCulture);
        // A round runs steps 0…n, so it needs n + 1 batches; the peer has only the exported ones.
        return steps >= 1 && steps < batches ? steps : throw new FormatException($"'{parts[0]}' takes 1 to {batches - 1} steps (the exported batches), got {steps}");
    }
    while (Console.ReadLine() is { } command)
    {
        var parts = command.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) continue;
        try
        {
            switch (parts[0])
            {
                case "ready": break;
                case "warmup": LoopRound.Run(workload, Steps(parts), home.RunDirectory(workload.Name)); break;
                case "round": Console.WriteLine(ResultLines.Round(workload.Name, LoopRound.Run(workload, Steps(parts), home.RunDirectory(workload.Name)))); break;
                case "profile": Console.WriteLine(ResultLines.Profile(workload.Name, Steps(parts), PhaseProfile.Run(workload, Steps(parts)))); break;
                case "stats": Console.WriteLine(ResultLines.Stats()); break;
                case "quit": return;
                default: Console.WriteLine($"ERROR unknown command '{command}'"); break;
            }
        }
        catch (FormatException e)
        {
            Console.WriteLine($"ERROR {e.Message}");
        }
        Console.WriteLine("DONE");
    }
}
