namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// A list of words and phrases matched on word boundaries. A trailing '*' matches any word that starts with the
/// rest ("kill*" matches "killed", "killing"); phrases match consecutive words ("shut up").
/// </summary>
public sealed class Lexicon
{
    private readonly List<string> entries = [];
    private readonly Dictionary<string, List<(string[] Words, bool Prefix, string Entry)>> byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<(string Prefix, string Entry)>> prefixesByFirstLetter = [];

    public Lexicon(IEnumerable<string> terms)
    {
        foreach (var term in terms)
        {
            entries.Add(term);
            var prefix = term.EndsWith('*');
            var words = TextFeatures.Words(prefix ? term[..^1] : term);
            if (prefix && words.Length == 1)
            {
                if (!prefixesByFirstLetter.TryGetValue(words[0][0], out var prefixes))
                {
                    prefixesByFirstLetter[words[0][0]] = prefixes = [];
                }
                prefixes.Add((words[0], term));
                continue;
            }
            if (!byFirstWord.TryGetValue(words[0], out var list)) byFirstWord[words[0]] = list = [];
            list.Add((words, prefix, term));
        }
    }

    public IEnumerable<string> Entries => entries;

    /// <summary>Every occurrence of every entry in the word sequence, in text order.</summary>
    public IReadOnlyList<string> Matches(IReadOnlyList<string> words) => Occurrences(words).Select(o => o.Entry).ToArray();

    /// <summary>Every occurrence with the index of its first word, in text order.</summary>
    public IReadOnlyList<(int Index, string Entry)> Occurrences(IReadOnlyList<string> words)
    {
        var found = new List<(int, string)>();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length > 0 && prefixesByFirstLetter.TryGetValue(words[i][0], out var prefixes))
            {
                foreach (var (prefix, entry) in prefixes)
                {
                    if (words[i].StartsWith(prefix, StringComparison.Ordinal)) found.Add((i, entry));
                }
            }
            if (!byFirstWord.TryGetValue(words[i], out var candidates)) continue;
            foreach (var (phrase, prefix, entry) in candidates)
            {
                if (i + phrase.Length > words.Count) continue;
                var match = true;
                for (var j = 1; j < phrase.Length && match; j++)
                {
                    match = prefix && j == phrase.Length - 1
                        ? words[i + j].StartsWith(phrase[j], StringComparison.Ordinal)
                        : words[i + j] == phrase[j];
                }
                if (match) found.Add((i, entry));
            }
        }
        return found;
    }

    public bool AnyIn(string text) => Occurrences(TextFeatures.Words(text)).Count > 0;

    public IReadOnlyList<string> MatchesIn(string text) => Matches(TextFeatures.Words(text));
}
