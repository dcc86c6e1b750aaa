using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class PromptDatasetTests
{
    private static string ErrorsOf(string line)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("p.jsonl", line);
        return Assert.Throws<DatasetFormatException>(() => PromptDataset.Read(path)).Message;
    }

    [Fact]
    public void RoundTripsConstraintsAndSource()
    {
        using var directory = new TempDirectory();
        var path = directory.File("p.jsonl");
        PromptRecord[] records =
        [
            new("Summarize.") { Metadata = new RecordMetadata { Category = TaskCategory.Summarization, Source = "Text.", Constraints = [TaskConstraint.Sentences(1)] } },
            new("List.") { Metadata = new RecordMetadata { Constraints = [TaskConstraint.ListItems(3), TaskConstraint.IncludeWord("a"), TaskConstraint.ExcludeWord("b")] } },
        ];
        PromptDataset.Write(path, records);
        Assert.Equal(records, PromptDataset.Read(path));
        var task = PromptDataset.Read(path)[0].ToPromptTask();
        Assert.Equal(("Text.", TaskCategory.Summarization), (task.Source, task.Category));
    }

    [Fact]
    public void ConstraintsAreValidatedFieldByField()
    {
        Assert.Contains("constraints[0].kind: must be one of", ErrorsOf("""{"prompt":"p","constraints":[{"kind":"shout"}]}"""));
        Assert.Contains("constraints[0].count: must be an integer >= 1", ErrorsOf("""{"prompt":"p","constraints":[{"kind":"max_words","count":0}]}"""));
        Assert.Contains("constraints[1].options: must be an array of at least 2", ErrorsOf("""{"prompt":"p","constraints":[{"kind":"sentences","count":1},{"kind":"one_of","options":["a"]}]}"""));
        Assert.Contains("constraints: must be an array of objects, got a string", ErrorsOf("""{"prompt":"p","constraints":"short"}"""));
    }

    [Fact]
    public void CategoriesMustBeTable1Names()
    {
        Assert.Contains("category: must be one of generation, open_qa", ErrorsOf("""{"prompt":"p","category":"code"}"""));
    }

    [Fact]
    public void APromptMustBeANonEmptyString()
    {
        Assert.Contains("p.jsonl:1: prompt: required field is missing", ErrorsOf("""{"completion":"x"}"""));
        Assert.Contains("prompt: must not be empty", ErrorsOf("""{"prompt":""}"""));
    }
}
