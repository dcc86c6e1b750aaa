using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Tests.Storage;

public sealed class OutputStoreTests : IDisposable
{
    private readonly TemporaryDatabase database = new();

    public void Dispose() => database.Dispose();

    private static GeneratedOutput Output(string model, string prompt, int index, string text) => new()
    {
        RunId = "run-1", Model = model, PromptId = prompt, Category = "generation", SampleIndex = index,
        Prompt = $"Write about {prompt}.", Output = text, FinishReason = "stop",
    };

    [Fact]
    public async Task AnOutputIsStoredOnceAndASecondOfferChangesNothing()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());

        Assert.True(await store.RecordOutputAsync(Output("ppo", "p1", 0, "first")));
        Assert.False(await store.RecordOutputAsync(Output("ppo", "p1", 0, "regenerated")));
        Assert.True(await store.RecordOutputAsync(Output("ppo", "p1", 1, "second sample")));
        Assert.True(await store.RecordOutputAsync(Output("sft", "p1", 0, "baseline")));

        var outputs = await store.ListOutputsAsync("run-1");
        Assert.Equal(["ppo p1 0 first", "ppo p1 1 second sample", "sft p1 0 baseline"], outputs.Select(o => $"{o.Model} {o.PromptId} {o.SampleIndex} {o.Output}"));
        Assert.All(outputs, o => Assert.NotEqual(default, o.CreatedAt));
    }

    [Fact]
    public async Task DocumentScoresAreStoredOnceAndValidated()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());

        Assert.True(await store.RecordDocumentScoreAsync(new DocumentScore("run-1", "ppo", "d1", -12.5, 4)));
        Assert.False(await store.RecordDocumentScoreAsync(new DocumentScore("run-1", "ppo", "d1", -1, 1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordDocumentScoreAsync(new DocumentScore("run-1", "ppo", "d2", 0.5, 4)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordDocumentScoreAsync(new DocumentScore("run-1", "ppo", "d2", -1, 0)));

        var score = Assert.Single(await store.ListDocumentScoresAsync("run-1"));
        Assert.Equal((-12.5, 4L), (score.SumLogProb, score.TokenCount));
    }

    [Fact]
    public async Task DeletingARunDeletesItsOutputsAndScores()
    {
        var store = await database.OpenAsync();
        await store.CreateRunAsync(TemporaryDatabase.Run());
        await store.RecordOutputAsync(Output("ppo", "p1", 0, "text"));
        await store.RecordDocumentScoreAsync(new DocumentScore("run-1", "ppo", "d1", -3, 2));

        await using (var connection = await store.OpenConnectionAsync())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM evaluation_runs WHERE id = 'run-1'";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Empty(await store.ListOutputsAsync("run-1"));
        Assert.Empty(await store.ListDocumentScoresAsync("run-1"));
    }
}
