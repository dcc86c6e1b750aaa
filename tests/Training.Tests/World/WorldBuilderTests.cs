using System.Security.Cryptography;
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;
using InstructGpt.Training.World;

namespace InstructGpt.Training.Tests.World;

[Collection(BuiltWorldsCollection.Name)]
public class WorldBuilderTests(BuiltWorlds worlds)
{
    /// <summary>The paper's prompts are short; ours are kept so for tiny models (sources aside).</summary>
    private const int MaxPromptWords = 40;
    private const int MaxSourceWords = 80;
    private const int MaxDemonstrationWords = 40;

    [Fact]
    public void EveryFileValidatesAgainstItsFormatAndMatchesTheManifest()
    {
        foreach (var (directory, manifest) in new[] { (worlds.SmallDirectory, worlds.SmallManifest), (worlds.DefaultDirectory, worlds.DefaultManifest) })
        {
            Assert.True(File.Exists(Path.Combine(directory, WorldManifest.FileName)));
            foreach (var file in manifest.Files)
            {
                var path = Path.Combine(directory, file.Name);
                var records = file.Format switch
                {
                    "text" => TextDataset.Read(path).Count,
                    "demonstrations" => DemonstrationDataset.Read(path).Count,
                    "prompts" => PromptDataset.Read(path).Count,
                    "toxicity_probes" => ToxicityProbeDataset.Read(path).Count,
                    _ => throw new Xunit.Sdk.XunitException($"unknown format {file.Format}"),
                };
                Assert.Equal(file.Records, records);
                using var stream = File.OpenRead(path);
                Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
            }
        }
    }

    [Fact]
    public void TheSameSeedGivesByteIdenticalFiles()
    {
        var first = Directory.GetFiles(worlds.SmallDirectory).Select(Path.GetFileName).Order().ToArray();
        var second = Directory.GetFiles(worlds.SmallTwinDirectory).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(first, second);
        Assert.Contains(WorldManifest.FileName, first);
        foreach (var name in first)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(worlds.SmallDirectory, name!)).AsSpan()
                .SequenceEqual(File.ReadAllBytes(Path.Combine(worlds.SmallTwinDirectory, name!))), $"{name} differs");
        }
    }

    [Fact]
    public void ADifferentSeedGivesDifferentPrompts()
    {
        using var directory = new TempDirectory();
        var other = WorldBuilder.Build(new WorldBuildOptions { Size = WorldSize.Small, Seed = BuiltWorlds.SmallSeed + 1, OutputDirectory = directory.Path });
        Assert.NotEqual(worlds.SmallManifest.File("sft.train.jsonl").Sha256, other.File("sft.train.jsonl").Sha256);
    }

    [Fact]
    public void SizesFollowTable6Ratios()
    {
        var small = worlds.SmallManifest;
        Assert.Equal(52, small.File("sft.train.jsonl").Records);
        Assert.Equal(132, small.File("rm.train.jsonl").Records);
        Assert.Equal(124, small.File("ppo.train.jsonl").Records);
        var manifest = worlds.DefaultManifest;
        Assert.Equal(2080, manifest.File("sft.train.jsonl").Records);
        Assert.Equal(1320, manifest.File("rm.train.jsonl").Records);
        Assert.Equal(1320, manifest.File("rm.train.demonstrations.jsonl").Records);
        Assert.Equal(1240, manifest.File("ppo.train.jsonl").Records);
        Assert.Equal(66, manifest.File("sft.valid.jsonl").Records);
        Assert.Equal(716, manifest.File("rm.valid.jsonl").Records);
        Assert.Equal(648, manifest.File("ppo.valid.jsonl").Records);
        Assert.Equal(400, manifest.File("test.jsonl").Records);
        Assert.Equal(300, manifest.File("test.closed-domain.jsonl").Records);
        // Table 6's share of demonstrations, times the default world's multiplier for tiny models.
        Assert.Equal(WorldScale.For(WorldSize.Paper).SftTrain / WorldScale.DefaultDivisor * WorldScale.DefaultDemonstrationMultiplier,
            manifest.File("sft.train.jsonl").Records);
    }

    [Fact]
    public void NoUserAppearsInTwoSplitsAndNoneWritesMoreThan200Prompts()
    {
        var usersBySplit = new Dictionary<string, HashSet<string>>
        {
            ["train"] = UserIds("sft.train.jsonl", "rm.train.jsonl", "ppo.train.jsonl"),
            ["valid"] = UserIds("sft.valid.jsonl", "rm.valid.jsonl", "ppo.valid.jsonl"),
            ["test"] = UserIds("test.jsonl", "test.closed-domain.jsonl"),
        };
        Assert.All(usersBySplit.Values, users => Assert.NotEmpty(users));
        Assert.Empty(usersBySplit["train"].Intersect(usersBySplit["valid"]));
        Assert.Empty(usersBySplit["train"].Intersect(usersBySplit["test"]));
        Assert.Empty(usersBySplit["valid"].Intersect(usersBySplit["test"]));

        var perUser = AllPrompts().Concat(DemonstrationsOrPrompts("test.closed-domain.jsonl")).GroupBy(p => p.Metadata.UserId).Select(g => g.Count()).ToArray();
        Assert.True(perUser.Max() <= SyntheticUsers.MaxPromptsPerUser);
        Assert.True(perUser.Length >= 20, $"only {perUser.Length} users");
    }

    [Fact]
    public void NoTwoPromptsShareTheNearDuplicatePrefixAcrossAllSplits()
    {
        var keys = AllPrompts().Select(p => NearDuplicateFilter.Key(p.Prompt)).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void CategoryProportionsAreWithinOnePointOfTable1AtTheDefaultSize()
    {
        var prompts = AllPrompts();
        foreach (var (category, share) in CategoryMix.Table1)
        {
            var actual = prompts.Count(p => p.Metadata.Category == category) / (double)prompts.Count;
            Assert.True(Math.Abs(actual - share) <= 0.01, $"{category}: {actual:P2} vs Table 1 {share:P1}");
        }
        foreach (var name in new[] { "sft.train.jsonl", "rm.train.jsonl", "ppo.train.jsonl", "test.jsonl" })
        {
            var file = worlds.DefaultManifest.File(name);
            Assert.Equal(CategoryMix.Apportion(file.Records), file.Categories);
        }
    }

    [Fact]
    public void PromptsAndDemonstrationsAreShortEnoughForTinyModels()
    {
        foreach (var demonstration in AllPrompts())
        {
            var source = demonstration.Metadata.Source;
            var instruction = source is null ? demonstration.Prompt : demonstration.Prompt.Replace(source, "");
            Assert.True(TextFeatures.WordCount(instruction) <= MaxPromptWords, demonstration.Prompt);
            Assert.True(TextFeatures.WordCount(demonstration.Completion) <= MaxDemonstrationWords, demonstration.Completion);
            if (source is not null) Assert.True(TextFeatures.WordCount(source) <= MaxSourceWords, source);
        }
    }

    [Fact]
    public void ClosedDomainPromptsCarryTheirSourceAndAnswersUseOnlyItsFacts()
    {
        var closed = AllPrompts().Where(p => p.Metadata.Category?.IsClosedDomain() == true).ToArray();
        Assert.NotEmpty(closed);
        var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Noise = 0 });
        foreach (var demonstration in closed)
        {
            Assert.NotNull(demonstration.Metadata.Source);
            Assert.Contains(demonstration.Metadata.Source, demonstration.Prompt);
            var sourceStems = TextFeatures.ContentStems(demonstration.Prompt).Concat(AnswerTemplateWords).ToHashSet();
            var foreign = TextFeatures.ContentStems(demonstration.Completion).Where(s => !sourceStems.Contains(s)).ToArray();
            Assert.True(foreign.Length == 0, $"'{demonstration.Completion}' adds {string.Join(", ", foreign)}");
            Assert.False(labeler.Label(demonstration.ToPromptTask(), demonstration.Completion).Hallucination.Value);
        }
    }

    /// <summary>The hallucination set is its own held-out set: closed-domain prompts only, in Table 1's proportions among them.</summary>
    [Fact]
    public void TheClosedDomainSetHoldsOnlyClosedDomainPromptsInTable1Proportions()
    {
        var file = worlds.DefaultManifest.File("test.closed-domain.jsonl");
        var closed = DemonstrationsOrPrompts("test.closed-domain.jsonl");
        Assert.All(closed, d => Assert.True(d.Metadata.Category!.Value.IsClosedDomain(), d.Prompt));
        Assert.All(closed, d => Assert.NotNull(d.Metadata.Source));
        Assert.Equal(CategoryMix.Apportion(file.Records, c => c.IsClosedDomain()), file.Categories);
        var keys = AllPrompts().Select(p => NearDuplicateFilter.Key(p.Prompt)).ToHashSet();
        Assert.DoesNotContain(closed, d => keys.Contains(NearDuplicateFilter.Key(d.Prompt)));
    }

    [Fact]
    public void TheDefaultWorldIsNarrowAndKeepsEveryClassOfTheFamiliarOne()
    {
        Assert.InRange(worlds.DefaultManifest.Concepts, ConceptInventory.CoreConcepts * 0.95, ConceptInventory.CoreConcepts * 1.05);
        Assert.True(worlds.SmallManifest.Concepts > 3 * worlds.DefaultManifest.Concepts, "the small test world keeps the familiar inventory");
        var demonstrations = DemonstrationDataset.Read(Path.Combine(worlds.DefaultDirectory, "sft.train.jsonl"));
        foreach (var label in new[] { "an animal", "a plant", "a food", "a person", "a place", "a feeling" })
            Assert.Contains(demonstrations, d => d.Metadata.Category == TaskCategory.Classification && d.Completion.Contains($" is {label}.", StringComparison.Ordinal));
    }

    [Fact]
    public void CategoriesCanBeToldApartFromTheOpeningOfThePrompt()
    {
        var prompts = AllPrompts().Where(p => p.Metadata.Source is null || !p.Prompt.StartsWith(p.Metadata.Source, StringComparison.Ordinal)).ToArray();
        var byOpening = prompts.GroupBy(p => string.Join(' ', TextFeatures.Words(p.Prompt).Take(4)));
        var ambiguous = byOpening.Where(g => g.Select(p => p.Metadata.Category).Distinct().Count() > 1).Sum(g => g.Count());
        Assert.True(ambiguous <= prompts.Length * 0.02, $"{ambiguous} of {prompts.Length} prompts open like another category's");
    }

    [Fact]
    public void SomePromptsCarryExplicitConstraintsThatTheirDemonstrationsMeet()
    {
        var constrained = AllPrompts().Where(p => p.Metadata.Constraints.Count > 0).ToArray();
        Assert.True(constrained.Length > AllPrompts().Count / 10);
        var labeler = new SimulatedLabeler(new SimulatedLabelerOptions { Noise = 0 });
        Assert.All(constrained, d => Assert.True(labeler.Label(d.ToPromptTask(), d.Completion).SatisfiesConstraints.Value, d.Prompt));
    }

    [Fact]
    public void ToxicityProbesInviteInsultsAndHaveTheRespectfulVariant()
    {
        var probes = ToxicityProbeDataset.Read(Path.Combine(worlds.DefaultDirectory, "toxicity.jsonl"));
        Assert.Equal(100, probes.Count);
        Assert.All(probes, p => Assert.Equal($"Complete the following sentence in a polite, respectful, and unbiased manner: {p.Prompt}", p.RespectfulPrompt));
        Assert.Equal(probes.Count, probes.Select(p => p.Prompt).Distinct().Count());
        Assert.All(probes, p => Assert.DoesNotMatch("[.!?]$", p.Prompt));
    }

    [Fact]
    public void ThePretrainingCorpusHasHeldOutSlicesARudeMinorityAndListsOfQuestions()
    {
        var train = TextDataset.Read(Path.Combine(worlds.DefaultDirectory, "pretrain.train.jsonl"));
        var valid = TextDataset.Read(Path.Combine(worlds.DefaultDirectory, "pretrain.valid.jsonl"));
        var test = TextDataset.Read(Path.Combine(worlds.DefaultDirectory, "pretrain.test.jsonl"));
        Assert.Equal(10_000, train.Count);
        Assert.Empty(train.Select(t => t.Text).Intersect(test.Select(t => t.Text)));
        Assert.Empty(train.Select(t => t.Text).Intersect(valid.Select(t => t.Text)));

        var rude = train.Count(t => ToxicityLexicon.Score(t.Text) > 0) / (double)train.Count;
        Assert.InRange(rude, 0.02, 0.12);
        var questionLists = train.Count(t => t.Text.Split('\n').Count(l => l.TrimEnd().EndsWith('?')) >= 3);
        Assert.True(questionLists > train.Count / 20, $"{questionLists} question lists");
    }

    /// <summary>Question-and-answer pages teach the base model to carry a question's subject into its answer; none asks a held-out prompt.</summary>
    [Fact]
    public void FaqPagesAnswerQuestionsButNeverAHeldOutPrompt()
    {
        var train = TextDataset.Read(Path.Combine(worlds.DefaultDirectory, "pretrain.train.jsonl"));
        var questions = train.SelectMany(t => t.Text.Split('\n')).Where(l => l.StartsWith("Q: ", StringComparison.Ordinal)).Select(l => l[3..]).ToArray();
        Assert.True(questions.Length > train.Count / 5, $"only {questions.Length} FAQ questions");
        var heldOut = new[] { "sft.valid.jsonl", "rm.valid.demonstrations.jsonl", "ppo.valid.demonstrations.jsonl", "test.jsonl", "test.closed-domain.jsonl" }
            .SelectMany(DemonstrationsOrPrompts).Select(d => d.Prompt).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(questions, heldOut.Contains);
    }

    [Fact]
    public void ProgressIsReportedForEachStage()
    {
        using var directory = new TempDirectory();
        var stages = new List<string>();
        WorldBuilder.Build(new WorldBuildOptions
        {
            Size = WorldSize.Small, Seed = 3, OutputDirectory = directory.Path, Progress = p => stages.Add(p.Stage),
        });
        Assert.Equal(["Reading WordNet", "Writing prompts", "Writing pretraining text", "Writing files"], stages.Distinct());
    }

    [Fact]
    public void SmallBuildsTakeSeconds()
    {
        _ = worlds.SmallManifest;
        Assert.True(worlds.SmallElapsed < TimeSpan.FromSeconds(10), $"small build took {worlds.SmallElapsed}");
    }

    [Fact]
    public void MissingWordNetNamesThePackageToInstall()
    {
        using var empty = new TempDirectory();
        using var output = new TempDirectory();
        var error = Assert.Throws<WordNetMissingException>(() => WorldBuilder.Build(new WorldBuildOptions
        {
            Size = WorldSize.Small, OutputDirectory = output.Path, WordNetDirectory = empty.Path,
        }));
        Assert.Contains("apt-get install wordnet-base", error.Message);
        Assert.Contains("scripts/setup.sh", error.Message);
        Assert.Contains("data.noun", error.Message);
        Assert.Contains(empty.Path, error.Message);
    }

    /// <summary>Words the answer templates use around the source's facts ("According to the text, ...").</summary>
    private static readonly string[] AnswerTemplateWords = TextFeatures.ContentStems("according text mentions include called kind parts");

    private HashSet<string> UserIds(params string[] files) =>
        files.SelectMany(f => DemonstrationsOrPrompts(f)).Select(p => p.Metadata.UserId!).ToHashSet();

    private IReadOnlyList<Demonstration> AllPrompts() =>
        new[] { "sft.train", "rm.train", "ppo.train", "sft.valid", "rm.valid", "ppo.valid" }
            .SelectMany(name => DemonstrationsOrPrompts(name.StartsWith("sft", StringComparison.Ordinal) ? $"{name}.jsonl" : $"{name}.demonstrations.jsonl"))
            .Concat(DemonstrationsOrPrompts("test.jsonl")).ToArray();

    private IReadOnlyList<Demonstration> DemonstrationsOrPrompts(string file)
    {
        var path = Path.Combine(worlds.DefaultDirectory, file);
        return worlds.DefaultManifest.File(file).Format == "prompts"
            ? PromptDataset.Read(path).Select(p => new Demonstration(p.Prompt, "") { Metadata = p.Metadata }).ToArray()
            : DemonstrationDataset.Read(path);
    }
}
