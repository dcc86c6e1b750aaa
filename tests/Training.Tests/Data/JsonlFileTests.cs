using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class JsonlFileTests
{
    [Fact]
    public void Invalid_JSON_is_reported_with_its_line_and_nothing_is_loaded()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """{"prompt":"ok"}""", """{"prompt": "broken""", """{"prompt":"ok too"}""");
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.StartsWith($"{path}:2: invalid JSON", only.ToString());
    }

    [Fact]
    public void A_lone_surrogate_escape_is_reported_with_its_line()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """{"prompt":"ok"}""", """{"prompt":"half a pair \ud800 here"}""");
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("surrogate", only.ToString());
    }

    [Fact]
    public void A_line_that_is_not_an_object_is_an_error()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", """["prompt"]""");
        Assert.Contains("expected a JSON object, got an array", Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path)).Message);
    }

    [Fact]
    public void Every_bad_line_is_counted_and_the_first_fifty_are_listed()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", Enumerable.Range(0, 60).Select(_ => """{"text":1}""").ToArray());
        var error = Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path));
        Assert.Equal(JsonlFile.MaxReportedErrors, error.Errors.Count);
        Assert.Equal(60, error.TotalErrors);
        Assert.EndsWith("... and 10 more", error.Message);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_ids_must_be_unique()
    {
        using var directory = new TempDirectory();
        var fine = directory.Write("a.jsonl", """{"id":"1","prompt":"a"}""", "", "   ", """{"id":"2","prompt":"b"}""");
        Assert.Equal(2, PromptDataset.Read(fine).Count);

        var twice = directory.Write("b.jsonl", """{"id":"1","prompt":"a"}""", """{"id":"1","prompt":"b"}""");
        Assert.Contains("b.jsonl:2: id: duplicate id '1' (first used on line 1)", Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(twice)).Message);
    }

    [Fact]
    public void A_missing_file_says_so() =>
        Assert.Contains("not found", Assert.Throws<FileNotFoundException>(() => TextDataset.Read("/nonexistent/x.jsonl")).Message);

    [Fact]
    public void Writing_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("t.jsonl");
        TextDataset.Write(path, [new TextRecord("first"), new TextRecord("second")]);
        TextDataset.Write(path, [new TextRecord("third")]);
        Assert.Equal("{\"text\":\"third\"}\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Empty_text_is_rejected()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("t.jsonl", """{"text":""}""");
        Assert.Contains("t.jsonl:1: text: must not be empty", Assert.Throws<DatasetFormatException>(() => TextDataset.Read(path)).Message);
    }
}
