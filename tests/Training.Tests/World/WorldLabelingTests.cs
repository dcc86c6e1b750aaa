using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.World;

/// <summary>The simulated labeler on the whole default world: the committed test split and the SFT training set.</summary>
[Collection(BuiltWorldsCollection.Name)]
public class WorldLabelingTests(BuiltWorlds worlds)
{
    private static readonly SimulatedLabeler Labeler = new(new SimulatedLabelerOptions { Seed = 1 });
    private static readonly SimulatedLabeler Exact = new(new SimulatedLabelerOptions { Noise = 0 });

    private IReadOnlyList<PromptTask> Tasks() =>
        DemonstrationDataset.Read(Path.Combine(worlds.DefaultDirectory, "test.jsonl"))
            .Concat(DemonstrationDataset.Read(Path.Combine(worlds.DefaultDirectory, "sft.train.jsonl")))
            .Select(d => d.ToPromptTask()).ToArray();

    [Fact]
    public void ReferenceDemonstrationsScore6OrMoreOnAtLeast95PercentOfPrompts()
    {
        var tasks = Tasks();
        Assert.True(tasks.Count >= 900);
        var good = tasks.Count(t => Labeler.Label(t, t.Reference!).Likert >= 6);
        Assert.True(good >= 0.95 * tasks.Count, $"{good} of {tasks.Count}");
        var exactGood = tasks.Count(t => Exact.Label(t, t.Reference!).Likert >= 6);
        Assert.True(exactGood >= 0.99 * tasks.Count, $"noise-free: {exactGood} of {tasks.Count}");
    }

    [Fact]
    public void ContinuingOrCopyingThePromptScores2OrLess()
    {
        var tasks = Tasks();
        var outputs = new List<(PromptTask Task, string Output)>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var more = tasks.Where(t => t.Category == task.Category && t.Prompt != task.Prompt).Skip(i % 50).Take(2).Select(t => t.Prompt).ToArray();
            outputs.Add((task, task.Prompt));                                   // the prompt copied
            outputs.Add((task, string.Join('\n', more)));                       // more of the same, as GPT-3 does
            outputs.Add((task, task.Prompt + "\n" + string.Join('\n', more)));  // the prompt followed by more
        }
        var exactLow = outputs.Count(o => Exact.Label(o.Task, o.Output).Likert <= 2);
        Assert.True(exactLow >= 0.99 * outputs.Count, $"noise-free: {exactLow} of {outputs.Count}");
        var low = outputs.Count(o => Labeler.Label(o.Task, o.Output).Likert <= 2);
        Assert.True(low >= 0.95 * outputs.Count, $"{low} of {outputs.Count}");
    }

    [Fact]
    public void TwoLabelersWithDifferentSeedsAgreeAboutAsOftenAsThePapersDid()
    {
        var tasks = DemonstrationDataset.Read(Path.Combine(worlds.DefaultDirectory, "test.jsonl")).Select(d => d.ToPromptTask()).ToArray();
        var items = tasks.Select((t, i) => (t, CalibrationOutputs.For(t, tasks[(i + 7) % tasks.Length].Reference!))).ToArray();
        var first = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 1 });
        var second = new SimulatedLabeler(new SimulatedLabelerOptions { Seed = 2 });
        var agreement = LabelerAgreement.Measure(first, second, items);
        Assert.True(agreement.Pairs > 5000);
        Assert.InRange(agreement.Rate, 0.70, 0.76);
    }
}
