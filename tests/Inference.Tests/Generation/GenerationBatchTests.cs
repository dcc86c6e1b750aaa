using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tests.Model;
using TorchSharp;

namespace InstructGpt.Inference.Tests.Generation;

public class GenerationBatchTests
{
    private static readonly int[][] Prompts = [[5, 6, 7], [8], [9, 10, 11, 12, 13]];

    /// <summary>A greedy row that ends after a fixed number of tokens, recording what it was given.</summary>
    private sealed class CountingRow(int length) : IDecodingRow
    {
        public RowSampling Sampling { get; } = new(0, 0, 1.0, null);
        public List<int> Tokens { get; } = [];
        public bool Finished => Tokens.Count >= length;
        public void Append(int token, double logprob, (int id, double logprob)[]? top) => Tokens.Add(token);
    }

    private static List<int> Alone(GptLanguageModel model, int[] prompt, int length)
    {
        var row = new CountingRow(length);
        using var batch = new GenerationBatch<CountingRow>(model);
        using (var prefilled = PrefilledPrompts.Run(model, [prompt], length, null, null)) batch.Join(prefilled, [row]);
        while (batch.Step(null)) { }
        return row.Tokens;
    }

    [Fact]
    public void RowsThatLeaveDoNotChangeTheOthers()
    {
        var model = TestModels.Language(5);
        var rows = new[] { new CountingRow(2), new CountingRow(9), new CountingRow(5) };
        using var batch = new GenerationBatch<CountingRow>(model);
        using (var prefilled = PrefilledPrompts.Run(model, Prompts, 9, null, null)) batch.Join(prefilled, rows);
        var steps = 0;
        while (batch.Step(null)) steps++;
        Assert.Equal(8, steps); // the ninth step ends the last row and decodes nothing
        Assert.Equal(0, batch.Count);
        for (var i = 0; i < rows.Length; i++) Assert.Equal(Alone(model, Prompts[i], rows[i].Tokens.Count), rows[i].Tokens);
    }

    [Fact]
    public void KeptFinishedRowsStayAndTakeNoMoreTokens()
    {
        var model = TestModels.Language(5);
        var rows = new[] { new CountingRow(2), new CountingRow(6), new CountingRow(4) };
        using var batch = new GenerationBatch<CountingRow>(model, new GenerationBatchOptions(KeepFinishedRows: true, FinishedRowToken: 0));
        using (var prefilled = PrefilledPrompts.Run(model, Prompts, 6, null, null)) batch.Join(prefilled, rows);
        while (batch.Step(null)) Assert.Equal(3, batch.Count);
        Assert.Equal([2, 6, 4], rows.Select(r => r.Tokens.Count));
        // Fed padding after it ended, the first row still does not disturb the others.
        Assert.Equal(Alone(model, Prompts[1], 6), rows[1].Tokens);
    }

    [Fact]
    public void RowsJoiningASharedCacheLaterDecodeAsAlone()
    {
        var model = TestModels.Language(5);
        var first = new CountingRow(7);
        var later = new[] { new CountingRow(4), new CountingRow(4) };
        using var batch = new GenerationBatch<CountingRow>(model, new GenerationBatchOptions(SharedCapacity: model.Config.NPositions));
        using (var prefilled = PrefilledPrompts.Run(model, [Prompts[2]], 0, null, null)) batch.Join(prefilled, [first]);
        batch.Step(null);
        // Two samples of one prompt share its prefill.
        using (var prefilled = PrefilledPrompts.Run(model, [Prompts[0]], 0, null, null)) batch.Join(prefilled, later, [0, 0]);
        while (batch.Step(null)) { }
        Assert.Equal(Alone(model, Prompts[2], 7), first.Tokens);
        Assert.All(later, r => Assert.Equal(Alone(model, Prompts[0], 4), r.Tokens));
    }

    [Fact]
    public void AFixedBatchIsJoinedOnce()
    {
        var model = TestModels.Language(5);
        using var batch = new GenerationBatch<CountingRow>(model);
        using (var prefilled = PrefilledPrompts.Run(model, [Prompts[0]], 2, null, null)) batch.Join(prefilled, [new CountingRow(2)]);
        using var again = PrefilledPrompts.Run(model, [Prompts[1]], 2, null, null);
        Assert.Throws<InvalidOperationException>(() => batch.Join(again, [new CountingRow(2)]));
    }
}
