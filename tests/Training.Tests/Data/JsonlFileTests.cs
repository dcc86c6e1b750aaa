using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class JsonlFileTests
{
    [Fact]
    public void InvalidJSONIsReportedWithItsLineAndNothingIsLoaded()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """{"prompt":"ok"}""", """{"prompt": "broken""", """{"prompt":"ok too"}""");
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.StartsWith($"{path}:2: invalid JSON", only.ToString());
    }

    [Fact]
    public void ALoneSurrogateEscapeIsReportedWithItsLine()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """{"prompt":"ok"}""", """{"prompt":"half a pair \ud800 here"}""");
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("surrogate", only.ToString());
    }

    [Fact]
    public void ALineThatIsNotAnObjectIsAnError()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """["prompt"]""");
        Assert.Contains("expected a JSON object, got an array", Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path)).Message);
    }

    [Fact]
    public void EveryBadLineIsCountedAndTheFirstFiftyAreListed()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", Enumerable.Range(0, 60).Select(_ => """{"text":1}""").ToArray());
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        Assert.Equal(JsonlFile.MaxReportedErrors, error.Errors.Count);
        Assert.Equal(60, error.TotalErrors);
        Assert.EndsWith("... and 10 more", error.Message);
    }

    [Fact]
    public void BlankLinesAreSkippedAndIdsMustBeUnique()
    {
        using var directory = new TempDirectory();
        var fine = directory.Write("a.jsonl", """{"id":"1","prompt":"a"}""", "", "   ", """{"id":"2","prompt":"b"}""");
        Assert.Equal(2, PromptDataset.Read(fine).Count);

        var twice = directory.Write("b.jsonl", """{"id":"1","prompt":"a"}""", """{"id":"1","prompt":"b"}""");
        Assert.Contains("b.jsonl:2: id: duplicate id '1' (first used on line 1)", Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(twice)).Message);
    }

    [Fact]
    public void AMissingFileSaysSo() =>
        Assert.Contains("not found", Assert.Throws<FileNotFoundException>(() => TextDataset.Read("/nonexistent/x.jsonl")).Message);

    [Fact]
    public void WritingReplacesTheFileWholeAndLeavesNoTemporaryFile()
    {
        using var directory = new TempDirectory();
        var path = directory.File("t.jsonl");
        TextDataset.Write(path, [new TextRecord("first"), new TextRecord("second")]);
        TextDataset.Write(path, [new TextRecord("third")]);
        Assert.Equal("{\"text\":\"third\"}\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void EmptyTextIsRejected()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("t.jsonl", """{"text":""}""");
        Assert.Contains("t.jsonl:1: text: must not be empty", Assert.Throws<DatasetFormatException>(() => TextDataset.Read(path)).Message);
    }
}
