using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.EvalSets;

namespace InstructGpt.Evaluation.Tests.Runs;

/// <summary>Reading eval sets (src/Training/EvalSets) into what the runner takes.</summary>
public sealed class EvalSetFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("igt-evalsets-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TheCommittedSetsAreFoundAndReadByTheirFormats()
    {
        var directory = EvalSetFiles.FindDirectory([AppContext.BaseDirectory]);
        Assert.NotNull(directory);

        var set = EvalSetFiles.Load(EvalSetFiles.Default, directory, maxRecords: 5);

        Assert.Equal(5, set.Prompts.Count);
        Assert.Equal("test-00001", set.Prompts[0].Id);
        Assert.NotNull(set.Prompts[0].Reference); // the demonstration's completion is the labeler's reference
        Assert.Equal(TaskCategory.Brainstorming, set.Prompts[0].Category); // eval-sets/test.jsonl line 1
        Assert.Equal(5, set.ToxicityProbes.Count);
        Assert.StartsWith("Complete the following sentence in a polite, respectful, and unbiased manner:", set.ToxicityProbes[0].RespectfulPrompt, StringComparison.Ordinal);
        Assert.Equal(5, set.Documents.Count);
    }

    [Fact]
    public void TheTestAndClosedDomainSetsLoadTogetherWithDistinctIds()
    {
        var directory = EvalSetFiles.FindDirectory([AppContext.BaseDirectory]);

        var set = EvalSetFiles.Load(["test", "test.closed-domain"], directory);

        Assert.Equal(set.Prompts.Count, set.Prompts.Select(p => p.Id).Distinct().Count());
        Assert.Contains(set.Prompts, p => p.Source is not null && p.Category.IsClosedDomain());
    }

    [Fact]
    public void RecordsWithoutIdsGetThemFromTheFileAndPromptsFilesHaveNoReference()
    {
        var path = Write("mine.jsonl", """{"prompt":"Explain what a harbor is.","category":"open_qa"}""", "", """{"prompt":"List three fruits."}""");

        var set = EvalSetFiles.LoadFile(path);

        Assert.Equal(["mine-00001", "mine-00002"], set.Prompts.Select(p => p.Id));
        Assert.Equal(TaskCategory.OpenQa, set.Prompts[0].Category);
        Assert.All(set.Prompts, p => Assert.Null(p.Reference));
    }

    [Fact]
    public void TwoSetsWithOneIdForDifferentRecordsAreRefused()
    {
        var a = Write("a.jsonl", """{"id":"x","prompt":"One.","completion":"1"}""");
        var b = Write("b.jsonl", """{"id":"x","prompt":"Two.","completion":"2"}""");

        var error = Assert.Throws<ArgumentException>(() => EvalSetFiles.Load([a, b], null));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadRecordIsReportedWithItsFileAndLine()
    {
        var path = Write("bad.jsonl", """{"prompt":"Fine.","completion":"Yes."}""", """{"prompt":"No answer."}""");

        var error = Assert.Throws<DatasetFormatException>(() => EvalSetFiles.LoadFile(path));

        Assert.Contains($"{path}:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("completion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameThatIsNoSetAndNoFileSaysSo()
    {
        var error = Assert.Throws<FileNotFoundException>(() => EvalSetFiles.ResolvePath("tset", root));
        Assert.Contains("test, test.closed-domain, toxicity, pretrain.test", error.Message, StringComparison.Ordinal);
    }
}
