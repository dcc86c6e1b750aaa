using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class ComparisonTests
{
    private static readonly PromptTask Task = new()
    {
        Prompt = "What is a dog?", Category = TaskCategory.OpenQa,
        Reference = "A dog is a domesticated carnivore of the genus Canis.",
    };

    private static readonly SimulatedLabeler Exact = new(new() { Noise = 0 });

    [Fact]
    public void ARankingBecomesCompletionsBestFirstWithRanksOnlyForTies()
    {
        string[] outputs = ["What is a cat?", Task.Reference!, "A dog is an animal."];
        var strict = Comparison.FromRanking(Task.Prompt, outputs, Exact.Rank(Task, outputs))!;
        Assert.Equal([Task.Reference!, "A dog is an animal.", "What is a cat?"], strict.Completions);
        Assert.Null(strict.Ranks);

        string[] withTie = [Task.Reference!, "What is a cat?", Task.Reference!];
        var tied = Comparison.FromRanking(Task.Prompt, withTie, Exact.Rank(Task, withTie))!;
        Assert.Equal([1, 1, 3], tied.Ranks);

        using var directory = new TempDirectory();
        ComparisonDataset.Write(directory.File("rm.jsonl"), [strict, tied]);
        Assert.Equal([strict, tied], ComparisonDataset.Read(directory.File("rm.jsonl")));
    }

    [Fact]
    public void AllTiedOutputsMakeNoComparison()
    {
        string[] same = ["A dog.", "A dog."];
        Assert.Null(Comparison.FromRanking(Task.Prompt, same, Exact.Rank(Task, same)));
    }
}
