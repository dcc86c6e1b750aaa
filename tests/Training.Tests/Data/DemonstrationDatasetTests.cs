using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class DemonstrationDatasetTests
{
    [Fact]
    public void RoundTripsEveryField()
    {
        using var directory = new TempDirectory();
        var path = directory.File("sft.jsonl");
        Demonstration[] records =
        [
            new("What is a dog?", "A dog is a domesticated carnivore.")
            {
                Metadata = new RecordMetadata
                {
                    Id = "a1", UserId = "user-1", Category = TaskCategory.OpenQa,
                    Constraints = [TaskConstraint.MaxWords(20), TaskConstraint.OneOf(["x", "y"])], Source = "Dogs bark.",
                },
            },
            new("Say \"hi\" in one line.", "hi\nthere, it's me \u00e9"),
        ];
        DemonstrationDataset.Write(path, records);
        Assert.Equal(records, DemonstrationDataset.Read(path));
        Assert.Contains("it's me é", File.ReadAllText(path));
    }

    [Fact]
    public void AlpacaRecordsRenderInstructionAndInput()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("alpaca.jsonl",
            """{"instruction":"Summarize this.","input":"Dogs bark.","output":"Dogs make noise."}""",
            """{"instruction":"Name a dog.","input":"","output":"Rex."}""",
            """{"instruction":"Name a cat.","output":"Tom."}""");
        var records = DemonstrationDataset.Read(path);
        Assert.Equal("Summarize this.\n\nDogs bark.", records[0].Prompt);
        Assert.Equal("Dogs make noise.", records[0].Completion);
        Assert.Equal("Name a dog.", records[1].Prompt);
        Assert.Equal("Name a cat.", records[2].Prompt);
    }

    [Fact]
    public void AMissingFieldNamesFileLineAndFieldAndLoadsNothing()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("sft.jsonl",
            """{"prompt":"a","completion":"b"}""",
            """{"prompt":"c"}""",
            """{"prompt":"e","completion":"f"}""");
        var error = Assert.Throws<DatasetFormatException>(() => DemonstrationDataset.Read(path));
        Assert.Equal($"{path}:2: completion: required field is missing", Assert.Single(error.Errors).ToString());
        Assert.Contains("nothing was loaded", error.Message);
    }

    [Fact]
    public void AWrongTypeIsReported()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("sft.jsonl", """{"prompt":3,"completion":"b"}""");
        var error = Assert.Throws<DatasetFormatException>(() => DemonstrationDataset.Read(path));
        Assert.Equal($"{path}:1: prompt: must be a string, got a number", error.Errors[0].ToString());
    }

    [Fact]
    public void MixingTheTwoShapesInOneRecordIsAnError()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("sft.jsonl", """{"prompt":"a","instruction":"b","output":"c"}""");
        Assert.Contains("not both", Assert.Throws<DatasetFormatException>(() => DemonstrationDataset.Read(path)).Message);
    }
}
