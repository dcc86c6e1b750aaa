namespace InstructGpt.Cli.Tests;

/// <summary><c>instructgpt pipeline --stages</c> as users write it: space- or comma-separated, and an unknown stage named.</summary>
public sealed class PipelineCommandTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("igt-pipeline-cli-").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public void CommaSeparatedStagesRunOnlyThoseStages()
    {
        var (exit, stdout, stderr) = CliProcess.Run(null, "pipeline", "--preset", "micro", "--out", home, "--stages", "data,tokenizer");
        Assert.True(exit == 0, stdout + stderr);
        Assert.True(File.Exists(Path.Combine(home, "data", "sft.train.jsonl")));
        Assert.True(File.Exists(Path.Combine(home, "tokenizer", "vocab.json")));
        Assert.False(Directory.Exists(Path.Combine(home, "checkpoints", "base")), "pretraining was not asked for");
    }

    [Fact]
    public void AnUnknownStageInACommaListIsNamed()
    {
        var (exit, _, stderr) = CliProcess.Run(null, "pipeline", "--preset", "micro", "--out", home, "--stages", "data,pretrian");
        Assert.NotEqual(0, exit);
        Assert.Contains("unknown stage 'pretrian'", stderr);
        Assert.False(Directory.Exists(Path.Combine(home, "data")), "nothing may run before the stages validate");
    }
}
