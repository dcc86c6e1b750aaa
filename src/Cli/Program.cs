using System.CommandLine;
using InstructGpt.Cli.Commands;
using InstructGpt.Inference.Engine;

// instructgpt: the command-line host. Verbs parse and validate, then call the libraries.
// Before anything touches libtorch: OpenMP's wait policy is read when libtorch loads, and INSTRUCTGPT_NUM_THREADS applies.
TorchRuntime.Initialize();
if (ScalarDisposalGuard.Problem is { } guardProblem)
    Console.Error.WriteLine($"warning: TorchSharp runs without the Scalar disposal guard ({guardProblem}); a native call can then fail or read a freed Scalar (README, \"TorchSharp's Scalars\")");
if (MklCpuDispatch.Problem is { } mklProblem)
    Console.Error.WriteLine($"warning: oneMKL keeps its generic kernels on this {MklCpuDispatch.CpuVendor} CPU ({mklProblem}); matrix products run up to 3x slower (README, \"Matrix products on AMD CPUs\")");
var root = new RootCommand("InstructGpt: train, serve and evaluate instruction-following GPT models (Ouyang et al., 2022)");
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(TokenizeCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(PipelineCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
return await root.Parse(args).InvokeAsync();
