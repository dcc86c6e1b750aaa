namespace InstructGpt.Training.Tests.World;

/// <summary>
/// eval-sets/ holds the default world's held-out files (seed 1). They must be exactly what the builder makes, so
/// a change to the world is a deliberate change to the committed evaluation sets. To regenerate them, run these
/// tests with INSTRUCTGPT_WRITE_EVAL_SETS=1 (eval-sets/README.md).
/// </summary>
[Collection(BuiltWorldsCollection.Name)]
public class EvalSetsTests(BuiltWorlds worlds)
{
    /// <summary>The build's files that are committed, under the same names.</summary>
    public static readonly string[] Files = ["test.jsonl", "test.closed-domain.jsonl", "toxicity.jsonl", "pretrain.test.jsonl"];

    [Fact]
    public void CommittedEvalSetsAreTheDefaultWorldsHeldOutFiles()
    {
        var evalSets = Path.Combine(RepositoryRoot.Path, "eval-sets");
        var write = Environment.GetEnvironmentVariable("INSTRUCTGPT_WRITE_EVAL_SETS") == "1";
        foreach (var name in Files)
        {
            var built = File.ReadAllBytes(Path.Combine(worlds.DefaultDirectory, name));
            var committed = Path.Combine(evalSets, name);
            if (write) File.WriteAllBytes(committed, built);
            Assert.True(File.Exists(committed), $"{committed} is missing; run with INSTRUCTGPT_WRITE_EVAL_SETS=1 to write it");
            Assert.True(built.AsSpan().SequenceEqual(File.ReadAllBytes(committed)),
                $"eval-sets/{name} differs from the default world's; if the change is intended, rerun with INSTRUCTGPT_WRITE_EVAL_SETS=1");
        }
    }
}
