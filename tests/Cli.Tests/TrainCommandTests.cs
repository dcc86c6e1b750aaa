using System.Diagnostics;
using System.Text.Json.Nodes;
using InstructGpt.Tests.Shared;

namespace InstructGpt.Cli.Tests;

/// <summary>
/// <c>instructgpt train &lt;stage&gt;</c> as a user runs it: bad inputs stop it before any training, and a process killed
/// with SIGKILL mid-stage resumes, when started again, to the same result as a run that was never interrupted.
/// </summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("igt-train-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A fresh home holding the micro world, its tokenizer and the named checkpoints.</summary>
    private string Home(string name, params string[] checkpoints)
    {
        var home = Path.Combine(root, name);
        MicroPipelineHome.CopyTo(Path.Combine(home, "data"), "data");
        MicroPipelineHome.CopyTo(Path.Combine(home, "tokenizer"), "tokenizer");
        foreach (var checkpoint in checkpoints) MicroPipelineHome.CopyTo(Path.Combine(home, "checkpoints", checkpoint), Path.Combine("checkpoints", checkpoint));
        return home;
    }

    [Fact]
    public void AMissingInitCheckpointStopsTheStageBeforeTraining()
    {
        var home = Home("no-base");
        var (exit, _, stderr) = CliProcess.Run(null, "train", "sft", "--home", home, "--preset", "micro");
        Assert.Equal(2, exit);
        Assert.Contains("init_from", stderr);
        Assert.Contains("'base'", stderr);
        Assert.False(Directory.Exists(Path.Combine(home, "runs")), "nothing may be written before the inputs validate");
        Assert.False(Directory.Exists(Path.Combine(home, "checkpoints", "sft")));
    }

    [Fact]
    public void ACorruptDatasetStopsTheStageBeforeTrainingAndNamesFileLineAndField()
    {
        var home = Home("corrupt", "base");
        var lines = File.ReadLines(Path.Combine(home, "data", "sft.train.jsonl")).Take(3).ToList();
        lines[1] = """{"prompt": 42, "completion": "a number is not a prompt"}""";
        File.WriteAllLines(Path.Combine(home, "data", "broken.jsonl"), lines);

        var (exit, _, stderr) = CliProcess.Run(null, "train", "sft", "--home", home, "--preset", "micro", "--data", "train=broken");
        Assert.Equal(2, exit);
        Assert.Contains("broken.jsonl:2", stderr);
        Assert.Contains("prompt", stderr);
        Assert.False(Directory.Exists(Path.Combine(home, "runs")), "nothing may be written before the inputs validate");
    }

    [Theory]
    [InlineData("--data", "reward=x", "datasets.reward")]
    [InlineData("--set", "LearningRat=1e-3", "LearningRat")]
    [InlineData("--output", "../escape", "output")]
    [InlineData("--output", ".hidden", "starting with a letter or digit")] // the server could not serve it by name
    public void BadOptionsAreRejectedWithTheirName(string option, string value, string named)
    {
        var home = Home("bad-" + named.Replace('.', '-'), "base");
        var (exit, _, stderr) = CliProcess.Run(null, "train", "sft", "--home", home, "--preset", "micro", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public void SftKilledMidRunResumesToTheUninterruptedResult() =>
        KillResumeMatches("sft", ["base"], checkpointEvery: 4, killAfterStep: 8, ["loss", "valid_loss", "best_step"]);

    [Fact]
    public void PpoKilledMidRunResumesToTheUninterruptedResult() =>
        KillResumeMatches("ppo", ["sft", "rm"], checkpointEvery: 1, killAfterStep: 2, ["reward_mean", "kl", "value_loss", "policy_loss", "entropy"]);

    [Fact]
    public void AStageStartedAgainWithOtherSettingsStartsOverInsteadOfResumingTheOldRun()
    {
        string[] Args(string home, params string[] set) => ["train", "sft", "--home", home, "--preset", "micro", "--checkpoint-every", "4", .. set];
        string[] changed = ["--set", "LearningRate=0.0005"];
        var straight = Home("sft-changed-straight", "base");
        var (exit, stdout, stderr) = CliProcess.Run(null, Args(straight, changed));
        Assert.True(exit == 0, $"uninterrupted run failed ({exit}): {stdout}\n{stderr}");

        var killed = Home("sft-changed-killed", "base");
        KillAfterSavedStep(Args(killed), killed, "sft", 8);
        (exit, stdout, stderr) = CliProcess.Run(null, Args(killed, changed));
        Assert.True(exit == 0, $"second run failed ({exit}): {stdout}\n{stderr}");
        Assert.Contains("was made with other settings, data or starting checkpoints; starting over", stdout + stderr);
        // Not a mix of the two learning rates: exactly what a run with the new one alone produces.
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "checkpoints", "sft", "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "checkpoints", "sft", "model.safetensors")));
    }

    private void KillResumeMatches(string stage, string[] checkpoints, int checkpointEvery, int killAfterStep, string[] metrics)
    {
        string[] Args(string home) => ["train", stage, "--home", home, "--preset", "micro", "--checkpoint-every", checkpointEvery.ToString()];
        var straight = Home(stage + "-straight", checkpoints);
        var (exit, stdout, stderr) = CliProcess.Run(null, Args(straight));
        Assert.True(exit == 0, $"uninterrupted run failed ({exit}): {stdout}\n{stderr}");

        var killed = Home(stage + "-killed", checkpoints);
        KillAfterSavedStep(Args(killed), killed, stage, killAfterStep);
        Assert.False(File.Exists(Path.Combine(killed, "checkpoints", stage, "instructgpt.json")), "the stage was killed before it published");

        (exit, stdout, stderr) = CliProcess.Run(null, Args(killed));
        Assert.True(exit == 0, $"resumed run failed ({exit}): {stdout}\n{stderr}");
        var expected = Metrics(straight, stage);
        var actual = Metrics(killed, stage);
        foreach (var name in metrics)
        {
            Assert.True(expected.ContainsKey(name), $"the {stage} checkpoint records no '{name}'");
            Assert.True(Math.Abs(expected[name] - actual[name]) <= 1e-5 * Math.Max(1, Math.Abs(expected[name])),
                $"{stage} {name}: uninterrupted {expected[name]}, resumed after kill -9 {actual[name]}");
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "checkpoints", stage, "model.safetensors")), File.ReadAllBytes(Path.Combine(killed, "checkpoints", stage, "model.safetensors")));
    }

    /// <summary>Starts the command and kills it with SIGKILL once its saved state has reached the step.</summary>
    private static void KillAfterSavedStep(string[] args, string home, string stage, int step)
    {
        using var process = CliProcess.Start(args);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var state = Path.Combine(home, "runs", stage, "state", "state.json");
        var clock = Stopwatch.StartNew();
        while (SavedStep(state) < step)
        {
            Assert.False(process.HasExited, $"the {stage} run ended before it could be killed (exit {(process.HasExited ? process.ExitCode : 0)})");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"no saved state at step {step} after 3 minutes");
            Thread.Sleep(50);
        }
        process.Kill(); // SIGKILL: no handler runs, nothing is flushed
        process.WaitForExit();
    }

    private static long SavedStep(string stateFile)
    {
        try
        {
            return File.Exists(stateFile) ? JsonNode.Parse(File.ReadAllText(stateFile))!["step"]!.GetValue<long>() : -1;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return -1; // being replaced right now
        }
    }

    private static Dictionary<string, double> Metrics(string home, string stage)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(home, "checkpoints", stage, "instructgpt.json")))!;
        return metadata["metrics"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());
    }
}
