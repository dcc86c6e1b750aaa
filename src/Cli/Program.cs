using System.CommandLine;
using InstructGpt.Cli.Commands;

// instructgpt: the command-line host. Verbs parse and validate, then call the libraries.
var root = new RootCommand("InstructGpt: train, serve and evaluate instruction-following GPT models (Ouyang et al., 2022)");
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(TokenizeCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(PipelineCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
return await root.Parse(args).InvokeAsync();
