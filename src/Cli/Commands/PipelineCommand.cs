using System.CommandLine;
using System.Runtime.InteropServices;
using InstructGpt.Training.Data;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;
using InstructGpt.Training.World;

namespace InstructGpt.Cli.Commands;

/// <summary><c>instructgpt pipeline --preset micro|tiny|small [--out DIR]</c>: data, tokenizer, pretraining, SFT, comparisons, RM, PPO and PPO-ptx.</summary>
internal static class PipelineCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "micro (seconds per stage), tiny (CPU default, ≤ 30 min) or small (GPT-2 124M, GPU)", DefaultValueFactory = _ => "tiny" };
        var output = new Option<string>("--out", "-o") { Description = "Home directory for data/, tokenizer/, checkpoints/ and runs/", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INSTRUCTGPT_HOME") ?? "var" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the world and every stage", DefaultValueFactory = _ => 1 };
        var initFrom = new Option<string?>("--init-from") { Description = "Start from this checkpoint (e.g. a Hugging Face GPT-2 directory) instead of pretraining" };
        var stages = new Option<string[]>("--stages") { Description = $"Run only these stages, space- or comma-separated ({string.Join(", ", PipelineStages.All)})", AllowMultipleArgumentsPerToken = true };
        var device = CommonOptions.Device();
        var overrides = new Option<string[]>("--set") { Description = "Override a preset setting: stage.Name=value, e.g. --set rm.Epochs=2 --set sft.LearningRate=3e-4 (stages: pretrain, sft, comparisons, rm, ppo, ppo-ptx)" };
        var command = new Command("pipeline", "Run the whole InstructGPT recipe; finished stages are skipped and interrupted ones resume") { preset, output, seed, initFrom, stages, device, overrides };
        command.SetAction((parse, cancellation) =>
        {
            try
            {
                // Space- or comma-separated, like --models and --set of eval: "--stages rm ppo" or "--stages rm,ppo".
                var selected = parse.GetValue(stages)?.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                if (selected is { Length: > 0 } && selected.FirstOrDefault(s => !PipelineStages.All.Contains(s)) is { } unknown)
                    throw new ArgumentException($"--stages: unknown stage '{unknown}'; expected {string.Join(", ", PipelineStages.All)}");
                var outcomes = TrainingPipeline.Run(new PipelineOptions
                {
                    Preset = SettingsOverrides.ApplyToPreset(TrainingPresets.Get(parse.GetValue(preset)!), parse.GetValue(overrides) ?? []),
                    OutputDirectory = parse.GetValue(output)!,
                    Seed = parse.GetValue(seed),
                    Device = CommonOptions.ParseDevice(parse.GetValue(device)),
                    InitFrom = parse.GetValue(initFrom),
                    Stages = selected is { Length: > 0 } ? selected : null,
                    Progress = new ConsoleProgressBar(),
                    Log = (stage, message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {stage}: {message}"),
                    Cancellation = cancellation,
                });
                foreach (var o in outcomes)
                    Console.WriteLine($"{o.Stage,-18} {o.Seconds,7:F1} s  {o.CheckpointDirectory}  {string.Join(", ", o.Metrics.Where(m => Headline(m.Key)).Select(m => $"{m.Key}={m.Value:G4}"))}");
                return Task.FromResult(0);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("instructgpt pipeline: cancelled; run the same command again to resume");
                return Task.FromResult(130);
            }
            catch (SettingOverrideException e)
            {
                Console.Error.WriteLine($"instructgpt pipeline: --set {e.Key}: {e.Message}");
                return Task.FromResult(2);
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or DatasetFormatException or WordNetMissingException or TrainingDivergedException or ExternalException)
            {
                Console.Error.WriteLine($"instructgpt pipeline: {e.Message}");
                return Task.FromResult(2);
            }
        });
        return command;
    }

    private static bool Headline(string metric) => metric is "loss" or "valid_loss" or "valid_perplexity" or "valid_accuracy" or "reward_mean" or "kl" or "ptx_loss" or "comparisons" or "rubric_agreement";
}
