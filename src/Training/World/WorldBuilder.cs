using System.Security.Cryptography;
using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.Prompts;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World;

/// <summary>
/// Builds the default world (docs/datasets.md, "The default world") from WordNet 3.0: instruction prompts in Table 1's
/// categories with reference demonstrations, split by synthetic user into SFT, RM and PPO sets with Table 6's
/// ratios and a held-out test split; toxicity probes with respectful variants; and a pretraining corpus with
/// held-out slices. Deterministic: the same seed and size give byte-identical files (docs/datasets.md lists them).
/// </summary>
public static class WorldBuilder
{
    /// <summary>Attempts at a fresh prompt before a category is declared exhausted (a bug or a too-small inventory).</summary>
    private const int MaxAttemptsPerPrompt = 200;

    public static WorldManifest Build(WorldBuildOptions options)
    {
        var report = options.Progress ?? (_ => { });
        report(new WorldBuildProgress("Reading WordNet", 0, 1));
        var wordNet = WordNetDatabase.Load(options.WordNetDirectory);
        var scale = WorldScale.For(options.Size);
        var concepts = ConceptInventory.Select(wordNet, scale.Breadth);
        report(new WorldBuildProgress("Reading WordNet", 1, 1));

        var seed = unchecked((ulong)options.Seed);
        var prompts = MakePrompts(concepts, scale, seed, report);

        var toxicity = ToxicityProbes.Create(scale.ToxicityProbes, concepts, WorldRandom.ForStream(seed, "toxicity"));
        var heldOut = prompts.Sets.Where(s => s.Split != WorldSplit.Train).SelectMany(s => s.Records).Select(r => r.Prompt).ToHashSet(StringComparer.Ordinal);
        var pretraining = MakePretraining(concepts, heldOut, scale, seed, report);

        Directory.CreateDirectory(options.OutputDirectory);
        var files = new List<WorldFile>();
        // Each prompt set is one file, or two with its demonstrations; then toxicity and 3 text files.
        var fileCount = prompts.Sets.Sum(s => HasDemonstrationsFile(s) ? 2 : 1) + 4;
        report(new WorldBuildProgress("Writing files", 0, fileCount));
        foreach (var set in prompts.Sets)
        {
            files.AddRange(WritePromptSet(options.OutputDirectory, set));
            report(new WorldBuildProgress("Writing files", files.Count, fileCount));
        }
        files.Add(Write(options.OutputDirectory, "toxicity.jsonl", "toxicity_probes", toxicity, ToxicityProbeDataset.Write, _ => null));
        foreach (var (name, records) in pretraining)
        {
            files.Add(Write(options.OutputDirectory, name, "text", records, TextDataset.Write, _ => null));
        }
        report(new WorldBuildProgress("Writing files", files.Count, fileCount));

        var manifest = new WorldManifest
        {
            Seed = options.Seed,
            Size = options.Size,
            Users = prompts.Users.GroupBy(u => u.Split).ToDictionary(g => g.Key, g => g.Count()),
            Concepts = concepts.All.Count,
            Files = files,
        };
        manifest.Write(Path.Combine(options.OutputDirectory, WorldManifest.FileName));
        return manifest;
    }

    /// <summary>A prompt set: its file name stem ("sft.train"), its split and its demonstrations.</summary>
    private sealed record PromptSet(string Name, WorldSplit Split, List<Demonstration> Records, IReadOnlyList<TaskCategory> Categories);

    private sealed record PromptSets(IReadOnlyList<PromptSet> Sets, IReadOnlyList<SyntheticUser> Users);

    private static PromptSets MakePrompts(ConceptInventory concepts, WorldScale scale, ulong seed, Action<WorldBuildProgress> report)
    {
        var categoryRandom = WorldRandom.ForStream(seed, "categories");
        PromptSet Set(string name, WorldSplit split, int count, Func<TaskCategory, bool>? among = null) =>
            new(name, split, [], CategoryMix.Sequence(count, categoryRandom, among));
        var sets = new[]
        {
            Set("sft.train", WorldSplit.Train, scale.SftTrain),
            Set("rm.train", WorldSplit.Train, scale.RmTrain),
            Set("ppo.train", WorldSplit.Train, scale.PpoTrain),
            Set("sft.valid", WorldSplit.Valid, scale.SftValid),
            Set("rm.valid", WorldSplit.Valid, scale.RmValid),
            Set("ppo.valid", WorldSplit.Valid, scale.PpoValid),
            Set("test", WorldSplit.Test, scale.Test),
            // Closed-domain prompts only, for the hallucination rate (WorldScale.PaperClosedDomainTest).
            Set("test.closed-domain", WorldSplit.Test, scale.ClosedDomainTest, c => c.IsClosedDomain()),
        };

        var targets = sets.GroupBy(s => s.Split).ToDictionary(g => g.Key, g => g.Sum(s => s.Categories.Count));
        var users = SyntheticUsers.Allocate(targets, WorldRandom.ForStream(seed, "users"));

        var writers = new ICategoryPrompts[]
        {
            new GenerationPrompts(concepts), new OpenQaPrompts(concepts), new BrainstormingPrompts(concepts),
            new ChatPrompts(concepts), new RewritePrompts(concepts), new SummarizationPrompts(concepts),
            new ClassificationPrompts(concepts), new OtherPrompts(concepts), new ClosedQaPrompts(concepts),
            new ExtractPrompts(concepts),
        }.ToDictionary(w => w.Category);

        var random = WorldRandom.ForStream(seed, "prompts");
        var duplicates = new NearDuplicateFilter();
        var total = targets.Values.Sum();
        var done = 0;
        foreach (var user in users)
        {
            var splitSets = sets.Where(s => s.Split == user.Split).ToArray();
            for (var i = 0; i < user.Prompts; i++)
            {
                var set = splitSets.First(s => s.Records.Count < s.Categories.Count);
                var category = set.Categories[set.Records.Count];
                var demonstration = UniquePrompt(writers[category], random, duplicates);
                set.Records.Add(demonstration with
                {
                    Metadata = demonstration.Metadata with { Id = $"{set.Name.Replace('.', '-')}-{set.Records.Count + 1:D5}", UserId = user.Id },
                });
                if (++done % 500 == 0) report(new WorldBuildProgress("Writing prompts", done, total));
            }
        }
        report(new WorldBuildProgress("Writing prompts", total, total));
        return new PromptSets(sets, users);
    }

    private static Demonstration UniquePrompt(ICategoryPrompts writer, WorldRandom random, NearDuplicateFilter duplicates)
    {
        for (var attempt = 0; attempt < MaxAttemptsPerPrompt; attempt++)
        {
            var demonstration = writer.Create(random);
            if (duplicates.TryAdd(demonstration.Prompt)) return demonstration;
        }
        throw new InvalidOperationException(
            $"No new {writer.Category.ToName()} prompt after {MaxAttemptsPerPrompt} attempts: every candidate shares a " +
            $"{NearDuplicateFilter.PrefixLength}-character prefix with a prompt already written. The concept inventory is too small for this size.");
    }

    private static IReadOnlyList<(string Name, IReadOnlyList<TextRecord> Records)> MakePretraining(
        ConceptInventory concepts, IReadOnlySet<string> heldOutPrompts, WorldScale scale, ulong seed, Action<WorldBuildProgress> report)
    {
        var corpus = new PretrainingCorpus(concepts, heldOutPrompts);
        var random = WorldRandom.ForStream(seed, "pretrain");
        var total = scale.PretrainTrain + scale.PretrainValid + scale.PretrainTest;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<string>(total);
        report(new WorldBuildProgress("Writing pretraining text", 0, total));
        for (var attempt = 0; documents.Count < total; attempt++)
        {
            if (attempt > total * 20) throw new InvalidOperationException($"could not write {total} distinct pretraining documents");
            var text = corpus.Document(random);
            if (seen.Add(text)) documents.Add(text);
            if (documents.Count % 2000 == 0) report(new WorldBuildProgress("Writing pretraining text", documents.Count, total));
        }
        report(new WorldBuildProgress("Writing pretraining text", total, total));
        // Held-out slices come first so they stay the same if the training slice grows.
        IReadOnlyList<TextRecord> Slice(string name, int start, int count) => documents.Skip(start).Take(count)
            .Select((text, i) => new TextRecord(text) { Metadata = new RecordMetadata { Id = $"{name}-{i + 1:D6}" } }).ToArray();
        return
        [
            ("pretrain.train.jsonl", Slice("pretrain-train", scale.PretrainTest + scale.PretrainValid, scale.PretrainTrain)),
            ("pretrain.valid.jsonl", Slice("pretrain-valid", scale.PretrainTest, scale.PretrainValid)),
            ("pretrain.test.jsonl", Slice("pretrain-test", 0, scale.PretrainTest)),
        ];
    }

    /// <summary>
    /// SFT sets are demonstrations. RM and PPO sets are prompts, with their reference demonstrations in a
    /// "*.demonstrations.jsonl" file beside them: RM training normalises its bias on them and the simulated
    /// labeler judges against them; the trainers themselves see only the prompts. The test split is
    /// demonstrations, so evaluations have references.
    /// </summary>
    private static IEnumerable<WorldFile> WritePromptSet(string directory, PromptSet set)
    {
        if (!HasDemonstrationsFile(set))
        {
            yield return Write(directory, $"{set.Name}.jsonl", "demonstrations", set.Records, DemonstrationDataset.Write, d => d.Metadata.Category);
            yield break;
        }
        var promptRecords = set.Records.Select(d => new PromptRecord(d.Prompt) { Metadata = d.Metadata }).ToArray();
        yield return Write(directory, $"{set.Name}.jsonl", "prompts", promptRecords, PromptDataset.Write, p => p.Metadata.Category);
        yield return Write(directory, $"{set.Name}.demonstrations.jsonl", "demonstrations", set.Records, DemonstrationDataset.Write, d => d.Metadata.Category);
    }

    /// <summary>RM and PPO sets are prompts with a demonstrations file beside them; SFT and test sets are demonstrations.</summary>
    private static bool HasDemonstrationsFile(PromptSet set) =>
        !set.Name.StartsWith("sft.", StringComparison.Ordinal) && set.Split != WorldSplit.Test;

    private static WorldFile Write<T>(string directory, string name, string format, IReadOnlyList<T> records,
        Action<string, IEnumerable<T>> write, Func<T, TaskCategory?> categoryOf)
    {
        var path = Path.Combine(directory, name);
        write(path, records);
        using var stream = File.OpenRead(path);
        return new WorldFile
        {
            Name = name,
            Format = format,
            Records = records.Count,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream)),
            Categories = records.Select(categoryOf).OfType<TaskCategory>().GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()),
        };
    }
}
