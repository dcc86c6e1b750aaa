using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace InstructGpt.Training.World.WordNet;

/// <summary>
/// WordNet 3.0's noun, verb and adjective databases, read from the files Debian's wordnet-base installs (formats
/// in wndb(5WN)): data.* (synsets), index.* (lemmas and their senses, most frequent first) and cntlist.rev (how
/// often each sense was tagged in the semantic concordances). A synset's offset is its byte offset in data.*,
/// so synsets are parsed when first asked for: the world needs a few thousand of the 117,000.
/// </summary>
public sealed partial class WordNetDatabase
{
    /// <summary>Where Debian's wordnet-base puts the database.</summary>
    public const string DebianDirectory = "/usr/share/wordnet";

    private static readonly PartOfSpeech[] LoadedParts = [PartOfSpeech.Noun, PartOfSpeech.Verb, PartOfSpeech.Adjective];

    /// <summary>Builds in one process (tests) share the files read.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<WordNetDatabase>> Loaded = new();

    private readonly Dictionary<PartOfSpeech, byte[]> dataFiles = [];
    private readonly Dictionary<PartOfSpeech, byte[]> indexFiles = [];
    private readonly Dictionary<PartOfSpeech, Dictionary<string, int>> indexLines = [];
    private readonly ConcurrentDictionary<(PartOfSpeech, int), Synset> parsed = new();
    private readonly Dictionary<SenseKey, int> tagCounts = [];
    private readonly ConcurrentDictionary<(PartOfSpeech, int), int> familiarity = new();

    private WordNetDatabase(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>The directory named by WordNet's own WNSEARCHDIR variable, else Debian's.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("WNSEARCHDIR") is { Length: > 0 } configured ? configured : DebianDirectory;

    /// <summary>The files this reader needs, relative to the database directory.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        LoadedParts.SelectMany(p => new[] { $"index.{p.FileSuffix()}", $"data.{p.FileSuffix()}" })
            .Append("cntlist.rev").ToArray();

    /// <summary>Loads (once per process and directory) or throws <see cref="WordNetMissingException"/>.</summary>
    public static WordNetDatabase Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        var missing = RequiredFiles.Where(f => !File.Exists(Path.Combine(full, f))).ToArray();
        if (missing.Length > 0)
        {
            throw new WordNetMissingException(directory, missing);
        }
        return Loaded.GetOrAdd(full, d => new Lazy<WordNetDatabase>(() => Read(d))).Value;
    }

    /// <summary>Every sense tagged at least <paramref name="minCount"/> times, as (lemma, part of speech), sorted.</summary>
    public IReadOnlyList<(string Lemma, PartOfSpeech Pos)> FrequentLemmas(PartOfSpeech pos, int minCount)
    {
        var type = PartOfSpeechFiles.SenseKeyType(pos switch
        {
            PartOfSpeech.Noun => 'n',
            PartOfSpeech.Verb => 'v',
            PartOfSpeech.Adjective => 'a',
            _ => 'r',
        });
        return tagCounts.Where(t => t.Key.SynsetType == type && t.Value >= minCount)
            .Select(t => (t.Key.Lemma, pos)).Distinct().Order().ToArray();
    }

    public Synset? Find(PartOfSpeech pos, int offset)
    {
        if (parsed.TryGetValue((pos, offset), out var synset)) return synset;
        if (!dataFiles.TryGetValue(pos, out var data)) return null;
        if (offset < 0 || offset >= data.Length) return null;
        synset = ParseSynset(ReadLine(data, offset), pos);
        return synset.Offset == offset ? parsed.GetOrAdd((pos, offset), synset) : null;
    }

    /// <summary>The synset offsets of a lemma's senses in <paramref name="pos"/>, sense 1 (most frequent) first.</summary>
    public IReadOnlyList<int> SenseOffsets(PartOfSpeech pos, string lemma)
    {
        if (!indexLines[pos].TryGetValue(lemma.ToLowerInvariant().Replace(' ', '_'), out var start)) return [];
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset [synset_offset...]
        var fields = ReadLine(indexFiles[pos], start).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var synsetCount = int.Parse(fields[2], CultureInfo.InvariantCulture);
        var first = 4 + int.Parse(fields[3], CultureInfo.InvariantCulture) + 2;
        var offsets = new int[synsetCount];
        for (var i = 0; i < synsetCount; i++)
        {
            offsets[i] = int.Parse(fields[first + i], CultureInfo.InvariantCulture);
        }
        return offsets;
    }

    /// <summary>Whether the lemma has any sense in <paramref name="pos"/>.</summary>
    public bool HasLemma(PartOfSpeech pos, string lemma) =>
        indexLines[pos].ContainsKey(lemma.ToLowerInvariant().Replace(' ', '_'));

    /// <summary>How often the synset's word senses were tagged in all, a measure of how familiar it is (cached).</summary>
    public int Familiarity(Synset synset) =>
        familiarity.GetOrAdd((synset.Pos, synset.Offset), _ => synset.Words.Sum(w => TagCount(synset, w)));

    /// <summary>How often this word sense was tagged in the semantic concordances (cntlist(5WN)); 0 if never.</summary>
    public int TagCount(Synset synset, SynsetWord word) =>
        tagCounts.GetValueOrDefault(new SenseKey(
            word.Text.ToLowerInvariant().Replace(' ', '_'), PartOfSpeechFiles.SenseKeyType(synset.Type),
            synset.LexFile, word.LexId));

    private static WordNetDatabase Read(string directory)
    {
        var database = new WordNetDatabase(directory);
        foreach (var pos in LoadedParts)
        {
            database.dataFiles[pos] = File.ReadAllBytes(Path.Combine(directory, $"data.{pos.FileSuffix()}"));
            var index = File.ReadAllBytes(Path.Combine(directory, $"index.{pos.FileSuffix()}"));
            database.indexFiles[pos] = index;
            database.indexLines[pos] = LemmaLineStarts(index);
        }
        foreach (var line in File.ReadLines(Path.Combine(directory, "cntlist.rev")))
        {
            // sense_key sense_number tag_cnt
            var fields = line.Split(' ');
            if (fields.Length == 3 && SenseKey.TryParse(fields[0], out var key) &&
                int.TryParse(fields[2], CultureInfo.InvariantCulture, out var count))
            {
                database.tagCounts[key] = count;
            }
        }
        return database;
    }

    /// <summary>Where each lemma's line starts in an index file (licence lines start with two spaces).</summary>
    private static Dictionary<string, int> LemmaLineStarts(byte[] index)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = 0;
        while (start < index.Length)
        {
            var end = Array.IndexOf(index, (byte)'\n', start);
            if (end < 0) end = index.Length;
            if (index[start] != (byte)' ')
            {
                var space = Array.IndexOf(index, (byte)' ', start, end - start);
                if (space > start) starts[Encoding.ASCII.GetString(index, start, space - start)] = start;
            }
            start = end + 1;
        }
        return starts;
    }

    private static string ReadLine(byte[] file, int start)
    {
        var end = Array.IndexOf(file, (byte)'\n', start);
        return Encoding.UTF8.GetString(file, start, (end < 0 ? file.Length : end) - start);
    }

    /// <summary>
    /// Data lines: synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] [frames...] | gloss
    /// </summary>
    private static Synset ParseSynset(string line, PartOfSpeech pos)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        var fields = line[..bar].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wordCount = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var words = new SynsetWord[wordCount];
        var at = 4;
        for (var i = 0; i < wordCount; i++, at += 2)
        {
            var text = AdjectiveMarker().Replace(fields[at], "").Replace('_', ' ');
            words[i] = new SynsetWord(text, int.Parse(fields[at + 1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        var pointerCount = int.Parse(fields[at++], CultureInfo.InvariantCulture);
        var pointers = new SynsetPointer[pointerCount];
        for (var i = 0; i < pointerCount; i++, at += 4)
        {
            var sourceTarget = fields[at + 3];
            pointers[i] = new SynsetPointer(
                fields[at],
                int.Parse(fields[at + 1], CultureInfo.InvariantCulture),
                PartOfSpeechFiles.FromLetter(fields[at + 2][0]),
                int.Parse(sourceTarget[..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(sourceTarget[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        var (definition, examples) = SplitGloss(line[(bar + 3)..].Trim());
        return new Synset
        {
            Offset = int.Parse(fields[0], CultureInfo.InvariantCulture),
            Pos = pos,
            Type = fields[2][0],
            LexFile = int.Parse(fields[1], CultureInfo.InvariantCulture),
            Words = words,
            Pointers = pointers,
            Definition = definition,
            Examples = examples,
        };
    }

    /// <summary>A gloss is a definition followed by quoted examples, separated by semicolons.</summary>
    private static (string Definition, IReadOnlyList<string> Examples) SplitGloss(string gloss)
    {
        var firstQuote = gloss.IndexOf('"');
        var definition = (firstQuote < 0 ? gloss : gloss[..firstQuote]).Trim().TrimEnd(';').Trim();
        var examples = firstQuote < 0
            ? []
            : QuotedExample().Matches(gloss[firstQuote..]).Select(m => m.Groups[1].Value.Trim()).Where(e => e.Length > 0).ToArray();
        return (definition, examples);
    }

    [GeneratedRegex(@"\([a-z]+\)$")]
    private static partial Regex AdjectiveMarker();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedExample();
}
