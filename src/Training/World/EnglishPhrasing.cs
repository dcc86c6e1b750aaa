namespace InstructGpt.Training.World;

/// <summary>The bits of English grammar the templates need: articles, capitals, sentence ends, lists.</summary>
public static class EnglishPhrasing
{
    /// <summary>Words spelled with a vowel but said with a consonant sound, and the reverse.</summary>
    private static readonly string[] ConsonantSoundPrefixes = ["uni", "use", "usu", "uti", "ure", "uro", "eu", "one", "once", "ewe"];
    private static readonly string[] VowelSoundPrefixes = ["hour", "honest", "honor", "honour", "heir"];

    /// <summary>"a" or "an" for a word, by its first sound (a spelling heuristic).</summary>
    public static string Article(string word)
    {
        var lower = word.ToLowerInvariant();
        if (VowelSoundPrefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal))) return "an";
        if (ConsonantSoundPrefixes.Any(p => lower.StartsWith(p, StringComparison.Ordinal))) return "a";
        return lower.Length > 0 && "aeiou".Contains(lower[0]) ? "an" : "a";
    }

    public static string WithArticle(string word) => $"{Article(word)} {word}";

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Capitalized and ended with a full stop unless it already ends with punctuation.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return trimmed;
        var last = trimmed[^1];
        return Capitalize(last is '.' or '!' or '?' ? trimmed : trimmed + ".");
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string JoinList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>"one", "two", ... for the small counts prompts ask for.</summary>
    public static string NumberWord(int n) => n switch
    {
        1 => "one",
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        7 => "seven",
        8 => "eight",
        9 => "nine",
        10 => "ten",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A numbered list, one item a line: "1. poodle\n2. corgi".</summary>
    public static string NumberedList(IReadOnlyList<string> items) =>
        string.Join('\n', items.Select((item, i) => $"{i + 1}. {item}"));
}
