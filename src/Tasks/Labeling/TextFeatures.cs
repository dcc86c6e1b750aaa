using System.Text.RegularExpressions;

namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// The surface features a simulated labeler reads from text: words, content words (stop words removed,
/// crudely stemmed so "dogs" matches "dog"), sentences, list items, repetition.
/// </summary>
public static partial class TextFeatures
{
    /// <summary>Function words and the words every answer template uses; they carry no facts.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "into", "onto", "about", "than", "then", "so", "that", "this", "these", "those", "it", "its", "it's", "is",
        "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had", "having", "can",
        "could", "will", "would", "should", "may", "might", "must", "shall", "not", "no", "yes", "i", "you", "he",
        "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "what", "which",
        "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "some", "each", "every", "very", "too",
        "also", "there", "here", "such", "one", "ones", "s", "just", "up", "out", "over", "more", "most", "other",
        "another", "own", "same", "both", "only", "much", "many", "few", "something", "someone", "thing", "things",
        "word", "words", "mean", "means", "meaning", "kind", "kinds", "sure", "okay", "ok", "well", "oh", "hi",
        "hello", "please", "thanks", "thank", "like", "called", "often", "usually", "especially", "help", "question",
        "course",
    };

    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+\S")]
    private static partial Regex ListLine();

    [GeneratedRegex(@"[^.!?\n]+[.!?]*")]
    private static partial Regex SentencePattern();

    /// <summary>Lower-case word tokens.</summary>
    public static string[] Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    /// <summary>Words as a person counts them: whitespace-separated pieces that contain a letter or digit.</summary>
    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>A crude stem: enough that plurals and simple verb forms match their base form.</summary>
    public static string Stem(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 4 && word.EndsWith("ing", StringComparison.Ordinal)) return word[..^3];
        if (word.Length > 3 && word.EndsWith("ed", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 4 && (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) ||
                                word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("sses", StringComparison.Ordinal)))
        {
            return word[..^2];
        }
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) return word[..^1];
        if (word.Length > 3 && word.EndsWith('e')) return word[..^1];
        return word;
    }

    /// <summary>
    /// The stems of the words that carry content, in order (duplicates kept). List numbering ("1.") is not
    /// content; other numbers are ("The word 'dog' has 3 letters").
    /// </summary>
    public static string[] ContentStems(string text) =>
        Words(WithoutListMarkers(text)).Where(w => !IsStopWord(w)).Select(Stem).ToArray();

    public static string WithoutListMarkers(string text) =>
        string.Join('\n', text.Split('\n').Select(line => ListMarker().Replace(line, "")));

    [GeneratedRegex(@"^\s*(?:\d{1,2}[.)]|[-*\u2022])\s+")]
    private static partial Regex ListMarker();

    /// <summary>Sentences: runs of text ended by '.', '!' or '?' or a line break, with at least one word.</summary>
    public static IReadOnlyList<string> Sentences(string text) =>
        SentencePattern().Matches(text).Select(m => m.Value.Trim()).Where(s => s.Any(char.IsLetterOrDigit)).ToArray();

    /// <summary>Non-empty lines, trimmed.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    /// <summary>
    /// List items: numbered or bulleted lines; failing those, the comma- or "and"-separated items of a one-line
    /// answer ("poodle, corgi and pug"); a plain answer counts as one item.
    /// </summary>
    public static int ListItemCount(string text)
    {
        var lines = Lines(text);
        var marked = lines.Count(l => ListLine().IsMatch(l));
        if (marked > 0) return marked;
        if (lines.Count > 1) return lines.Count;
        if (lines.Count == 0) return 0;
        var line = lines[0].TrimEnd('.', '!');
        return line.Split([",", " and "], StringSplitOptions.RemoveEmptyEntries)
            .Count(item => item.Trim().Length > 0);
    }

    public static bool IsList(string text) => Lines(text).Count(l => ListLine().IsMatch(l)) >= 2;

    /// <summary>The fraction of word trigrams that repeat an earlier trigram: high for degenerate loops.</summary>
    public static double RepeatedTrigramFraction(string text)
    {
        var words = Words(text);
        if (words.Length < 6) return 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = 0;
        for (var i = 0; i + 2 < words.Length; i++)
        {
            if (!seen.Add($"{words[i]} {words[i + 1]} {words[i + 2]}")) repeated++;
        }
        return repeated / (double)(words.Length - 2);
    }

    /// <summary>The longest run of consecutive words that <paramref name="text"/> shares with <paramref name="other"/>.</summary>
    public static int LongestSharedRun(IReadOnlyList<string> text, IReadOnlyList<string> other)
    {
        var best = 0;
        var previous = new int[other.Count + 1];
        var current = new int[other.Count + 1];
        for (var i = 1; i <= text.Count; i++)
        {
            for (var j = 1; j <= other.Count; j++)
            {
                current[j] = text[i - 1] == other[j - 1] ? previous[j - 1] + 1 : 0;
                best = Math.Max(best, current[j]);
            }
            (previous, current) = (current, previous);
            Array.Clear(current);
        }
        return best;
    }

    /// <summary>Whether the phrase (lower-case words) occurs in the word sequence.</summary>
    public static bool ContainsPhrase(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Count && match; j++)
            {
                match = words[i + j] == phrase[j];
            }
            if (match) return true;
        }
        return false;
    }
}
