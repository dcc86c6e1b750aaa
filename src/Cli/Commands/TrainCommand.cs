using System.CommandLine;
using System.Runtime.InteropServices;
using InstructGpt.Training.Data;
using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Runs;
using InstructGpt.Training.World;

namespace InstructGpt.Cli.Commands;

/// <summary>
/// <c>instructgpt train &lt;pretrain|sft|comparisons|rm|ppo|ppo-ptx&gt;</c>: one stage against a home directory, with
/// every input read and validated before training starts. Run it again after a crash or Ctrl+C to resume.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Run one training stage; an interrupted run resumes from its last checkpoint when started again");
        foreach (var stage in PipelineStages.Trainable) command.Subcommands.Add(StageCommand(stage));
        return command;
    }

    private static Command StageCommand(string stage)
    {
        var home = new Option<string>("--home") { Description = "Home directory (data/, datasets/, tokenizer/, checkpoints/, runs/)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INSTRUCTGPT_HOME") ?? "var" };
        var preset = new Option<string>("--preset") { Description = "Settings preset: micro, tiny or small", DefaultValueFactory = _ => "tiny" };
        var initFrom = new Option<string?>("--init-from") { Description = $"Checkpoint name under checkpoints/ or a directory (default: {PipelineStages.DefaultInitOf(stage) ?? "a new model"})" };
        var reward = new Option<string?>("--reward-model") { Description = stage is PipelineStages.Ppo or PipelineStages.PpoPtx ? "Reward/value model checkpoint (default: rm)" : "Select the kept SFT weights by this RM's validation score" };
        var roles = StageDatasets.DefaultsOf(stage);
        var datasets = new Option<string[]>("--data") { Description = $"ROLE=DATASET, a name under data/ or datasets/ or a JSONL path; roles: {string.Join(", ", roles.Select(r => $"{r.Key} (default {r.Value})"))}" };
        var overrides = new Option<string[]>("--set") { Description = "Override a setting, e.g. --set LearningRate=1e-4 --set Epochs=2" };
        var output = new Option<string?>("--output", "-o") { Description = $"Name to publish under (default: {(stage == PipelineStages.Comparisons ? "comparisons" : PipelineStages.CheckpointOf(stage))})" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for data order, dropout and sampling", DefaultValueFactory = _ => 1 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Save resumable state every N optimizer steps", DefaultValueFactory = _ => 25 };
        var device = CommonOptions.Device();
        var command = new Command(stage, $"Train the {stage} stage") { home, preset, initFrom, reward, datasets, overrides, output, seed, checkpointEvery, device };
        if (stage == PipelineStages.Pretrain) command.Options.Remove(reward);
        command.SetAction((parse, cancellation) =>
        {
            try
            {
                var assignments = parse.GetValue(datasets) ?? [];
                var files = new Dictionary<string, string>();
                foreach (var a in assignments)
                {
                    var split = a.IndexOf('=');
                    if (split <= 0) throw new ArgumentException($"--data expects ROLE=DATASET, got '{a}'; roles: {string.Join(", ", roles.Keys)}");
                    files[a[..split]] = a[(split + 1)..];
                }
                var plan = StageRunner.Prepare(new StageRunOptions
                {
                    Stage = stage,
                    Home = parse.GetValue(home)!,
                    Preset = SettingsOverrides.Apply(TrainingPresets.Get(parse.GetValue(preset)!), SettingsOverrides.Split(parse.GetValue(overrides) ?? [], stage)),
                    InitFrom = parse.GetValue(initFrom),
                    RewardModel = stage == PipelineStages.Pretrain ? null : parse.GetValue(reward),
                    Datasets = files,
                    OutputName = parse.GetValue(output),
                    Seed = parse.GetValue(seed),
                    CheckpointEvery = parse.GetValue(checkpointEvery),
                    Device = CommonOptions.ParseDevice(parse.GetValue(device)),
                    Progress = new ConsoleProgressBar(),
                    Log = (s, message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {s}: {message}"),
                    Cancellation = cancellation,
                });
                var outcome = StageRunner.Run(plan);
                Console.WriteLine($"{outcome.Stage}: {outcome.Steps} steps in {outcome.Seconds:F1} s -> {outcome.CheckpointDirectory}");
                foreach (var (name, value) in outcome.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                    Console.WriteLine($"  {name} = {value:G6}");
                return Task.FromResult(0);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"instructgpt train {stage}: cancelled; run the same command again to resume");
                return Task.FromResult(130);
            }
            catch (SettingOverrideException e)
            {
                Console.Error.WriteLine($"instructgpt train {stage}: --set {e.Key}: {e.Message}");
                return Task.FromResult(2);
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or DatasetFormatException or WordNetMissingException or TrainingDivergedException or ExternalException)
            {
                Console.Error.WriteLine($"instructgpt train {stage}: {e.Message}");
                return Task.FromResult(2);
            }
        });
        return command;
    }
}
