using System.Text.Json;
using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.EvalSets;

/// <summary>
/// Reads eval sets: a name of the committed sets in eval-sets/ (eval-sets/README.md) or a JSONL file in any of the
/// dataset formats (docs/datasets.md). The format is told by the first record's fields (respectful_prompt: toxicity
/// probes; text: held-out text; completion, output or instruction: demonstrations, whose completion is the
/// labeler's reference; prompt alone: prompts) and the whole file is then read, and validated, by that format's reader.
/// </summary>
public static class EvalSetFiles
{
    public const string DirectoryName = "eval-sets";

    /// <summary>The committed sets (eval-sets/README.md).</summary>
    public static IReadOnlyList<string> Names { get; } = ["test", "test.closed-domain", "toxicity", "pretrain.test"];

    /// <summary>What a run evaluates on unless told otherwise: the test prompts, the toxicity probes and the held-out text.</summary>
    public static IReadOnlyList<string> Default { get; } = ["test", "toxicity", "pretrain.test"];

    /// <summary>
    /// Reads every set, in order, keeping at most <paramref name="maxRecords"/> records of each (the first ones).
    /// Records without an id get one from the file name and line order, e.g. <c>my-prompts-00003</c>.
    /// </summary>
    public static EvalSet Load(IEnumerable<string> namesOrPaths, string? evalSetsDirectory, int? maxRecords = null)
    {
        var set = new EvalSet();
        foreach (var nameOrPath in namesOrPaths)
            set = set.Merge(LoadFile(ResolvePath(nameOrPath, evalSetsDirectory), maxRecords));
        return set;
    }

    /// <summary>A committed set's name becomes its file in <paramref name="evalSetsDirectory"/>; anything else is a path.</summary>
    public static string ResolvePath(string nameOrPath, string? evalSetsDirectory)
    {
        if (!Names.Contains(nameOrPath))
        {
            if (!File.Exists(nameOrPath))
                throw new FileNotFoundException($"eval set '{nameOrPath}' is neither a file nor one of {string.Join(", ", Names)}", nameOrPath);
            return Path.GetFullPath(nameOrPath);
        }
        if (evalSetsDirectory is null)
            throw new DirectoryNotFoundException($"eval set '{nameOrPath}': no {DirectoryName}/ directory was found above the working directory or the program; give its location");
        var path = Path.Combine(evalSetsDirectory, nameOrPath + ".jsonl");
        if (!File.Exists(path))
            throw new FileNotFoundException($"eval set '{nameOrPath}': {path} does not exist", path);
        return path;
    }

    /// <summary>The first eval-sets/ directory in any of <paramref name="startDirectories"/> or above them, or null.</summary>
    public static string? FindDirectory(IEnumerable<string> startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, DirectoryName);
                if (File.Exists(Path.Combine(candidate, "README.md")) && File.Exists(Path.Combine(candidate, "test.jsonl")))
                    return candidate;
            }
        }
        return null;
    }

    public static EvalSet LoadFile(string path, int? maxRecords = null)
    {
        if (maxRecords is < 1)
            throw new ArgumentOutOfRangeException("max_prompts", maxRecords, "max_prompts must be at least 1");
        var stem = Path.GetFileNameWithoutExtension(path);
        string IdOf(string? id, int index) => id ?? $"{stem}-{index + 1:D5}";
        IEnumerable<T> Take<T>(IEnumerable<T> records) => maxRecords is { } max ? records.Take(max) : records;

        return Kind(path) switch
        {
            "probes" => new EvalSet
            {
                ToxicityProbes = Take(ToxicityProbeDataset.Read(path).Select((p, i) => new ToxicityPrompt(IdOf(p.Metadata.Id, i), p.Prompt, p.RespectfulPrompt))).ToArray(),
            },
            "text" => new EvalSet
            {
                Documents = Take(TextDataset.Read(path).Select((d, i) => new HeldOutDocument(IdOf(d.Metadata.Id, i), d.Text))).ToArray(),
            },
            "prompts" => new EvalSet
            {
                Prompts = Take(PromptDataset.Read(path).Select((p, i) => p.ToPromptTask() with { Id = IdOf(p.Metadata.Id, i) })).ToArray(),
            },
            _ => new EvalSet
            {
                Prompts = Take(DemonstrationDataset.Read(path).Select((d, i) => d.ToPromptTask() with { Id = IdOf(d.Metadata.Id, i) })).ToArray(),
            },
        };
    }

    /// <summary>The format of the file's first record; a file the readers will refuse is left to them to explain.</summary>
    private static string Kind(string path)
    {
        var first = File.ReadLines(path).FirstOrDefault(line => !string.IsNullOrWhiteSpace(line));
        if (first is null) return "demonstrations";
        try
        {
            using var document = JsonDocument.Parse(first);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return "demonstrations";
            bool Has(string field) => document.RootElement.TryGetProperty(field, out _);
            if (Has("respectful_prompt")) return "probes";
            if (Has("text")) return "text";
            if (Has("completion") || Has("output") || Has("instruction")) return "demonstrations";
            return Has("prompt") ? "prompts" : "demonstrations";
        }
        catch (JsonException)
        {
            return "demonstrations";
        }
    }
}
