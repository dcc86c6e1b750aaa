using System.Text.RegularExpressions;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// Reads a preference out of a judge's reply, as AlpacaEval's regex parsers do: the first "Output (a)" /
/// "Output (b)" (parentheses and case optional) decides; failing that, a reply that is just "a" or "b"; failing
/// that, a reply that calls them equal is a tie. Anything else is unparseable (null), and is not counted.
/// </summary>
public static partial class LlmVerdictParser
{
    public static LlmPreference? Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        var named = NamedOutput().Match(reply);
        if (named.Success) return Letter(named.Groups[1].Value);
        var bare = BareLetter().Match(reply);
        if (bare.Success) return Letter(bare.Groups[1].Value);
        return TieWords().IsMatch(reply) ? LlmPreference.Tie : null;
    }

    private static LlmPreference Letter(string letter) =>
        string.Equals(letter, "a", StringComparison.OrdinalIgnoreCase) ? LlmPreference.A : LlmPreference.B;

    [GeneratedRegex(@"\boutput\s*\(?\s*([ab])\s*\)?(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex NamedOutput();

    [GeneratedRegex(@"^\W*\(?([ab])\)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareLetter();

    [GeneratedRegex(@"\b(tie|equal|equally|both are|neither)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TieWords();
}
