using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class ComparisonDatasetTests
{
    private static DatasetFormatException ReadBad(params string[] lines)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("rm.jsonl", lines);
        return Assert.Throws<DatasetFormatException>(() => ComparisonDataset.Read(path));
    }

    [Fact]
    public void KOf1AndKOf10AreOutOfRange()
    {
        var one = ReadBad("""{"prompt":"p","completions":["a"]}""");
        Assert.EndsWith("rm.jsonl:1: completions: K must be between 2 and 9, got 1", one.Errors[0].ToString());

        var ten = ReadBad("""{"prompt":"p","completions":["a","b"]}""",
            """{"prompt":"p","completions":["0","1","2","3","4","5","6","7","8","9"]}""");
        Assert.EndsWith("rm.jsonl:2: completions: K must be between 2 and 9, got 10", ten.Errors[0].ToString());
    }

    [Fact]
    public void RanksMustFitTheList()
    {
        Assert.Contains("one rank per completion (3), got 2", ReadBad("""{"prompt":"p","completions":["a","b","c"],"ranks":[1,2]}""").Message);
        Assert.Contains("must start at 1", ReadBad("""{"prompt":"p","completions":["a","b"],"ranks":[2,3]}""").Message);
        Assert.Contains("non-decreasing", ReadBad("""{"prompt":"p","completions":["a","b","c"],"ranks":[1,3,2]}""").Message);
        Assert.Contains("all completions are tied", ReadBad("""{"prompt":"p","completions":["a","b"],"ranks":[1,1]}""").Message);
        Assert.Contains("ranks[1]: must be an integer", ReadBad("""{"prompt":"p","completions":["a","b"],"ranks":[1,"2"]}""").Message);
    }

    [Fact]
    public void PoliciesNameOneWriterPerCompletion()
    {
        Assert.EndsWith("rm.jsonl:1: policies: must name one policy per completion (3), got 2",
            ReadBad("""{"prompt":"p","completions":["a","b","c"],"policies":["sft","base"]}""").Errors[0].ToString());
        Assert.Contains("policies[1]: ", ReadBad("""{"prompt":"p","completions":["a","b"],"policies":["sft",7]}""").Message);
        Assert.Contains("policies: only allowed with completions", ReadBad("""{"prompt":"p","chosen":"a","rejected":"b","policies":["sft","base"]}""").Message);
    }

    [Fact]
    public void TiesAndPairsLoad()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("rm.jsonl",
            """{"prompt":"p","completions":["best","tied","tied too","worst"],"ranks":[1,2,2,4]}""",
            """{"prompt":"q","chosen":"good","rejected":""}""");
        var records = ComparisonDataset.Read(path);
        Assert.Equal([1, 2, 2, 4], records[0].EffectiveRanks);
        Assert.Equal(["good", ""], records[1].Completions);
        Assert.Equal([1, 2], records[1].EffectiveRanks);
    }

    [Fact]
    public void RoundTripsWithAndWithoutRanks()
    {
        using var directory = new TempDirectory();
        var path = directory.File("rm.jsonl");
        Comparison[] records =
        [
            new("p", ["a", "b", "c"]) { Ranks = [1, 1, 3] },
            new("q", ["x", "y"]),
            new("r", ["d", "s", "b"]) { Policies = ["demonstration", "sft", "base"] },
        ];
        ComparisonDataset.Write(path, records);
        Assert.Equal(records, ComparisonDataset.Read(path));
    }

    [Fact]
    public void TheWriterRefusesARecordItsReaderWouldReject()
    {
        using var directory = new TempDirectory();
        var path = directory.File("rm.jsonl");
        var tooMany = new Comparison("p", Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray());
        Assert.Throws<ArgumentException>(() => ComparisonDataset.Write(path, [tooMany]));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void BothShapesInOneRecordOrNeitherIsAnError()
    {
        Assert.Contains("not both", ReadBad("""{"prompt":"p","completions":["a","b"],"chosen":"a","rejected":"b"}""").Message);
        Assert.Contains("completions: required field is missing", ReadBad("""{"prompt":"p"}""").Message);
        Assert.Contains("rejected: required field is missing", ReadBad("""{"prompt":"p","chosen":"a"}""").Message);
    }
}
