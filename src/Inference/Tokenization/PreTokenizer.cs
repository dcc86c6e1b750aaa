using System.Globalization;
using System.Text;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Splits text into the pieces that BPE then encodes one at a time, exactly as GPT-2's pattern does
/// (openai/gpt-2 src/encoder.py, run by Python's <c>regex</c> module):
/// <code>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</code>
/// </summary>
/// <remarks>
/// A hand-written scanner rather than <see cref="System.Text.RegularExpressions.Regex"/>, for two reasons.
/// .NET's regex classifies UTF-16 code units, so a letter outside the BMP (𝐀, 𠀀) would be two "other"
/// surrogates instead of one \p{L}; the scanner classifies whole code points, like Python. And it is several times
/// faster. \s is Unicode's White_Space property (<see cref="Rune.IsWhiteSpace"/>), which is what Python's
/// <c>regex</c> module and tiktoken use; JavaScript's \s differs only in U+0085 (not space there) and U+FEFF (space there).
/// Every character falls in one of the alternatives, so the pieces cover the text with no gaps.
/// </remarks>
internal static class PreTokenizer
{
    private enum CharClass : byte { Letter, Number, Space, Other }

    /// <summary>The length in chars of the piece that starts <paramref name="text"/>, which must not be empty.</summary>
    public static int NextPieceLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            throw new ArgumentException("There is no piece in empty text.", nameof(text));
        }

        var contraction = ContractionLength(text);
        if (contraction > 0)
        {
            return contraction;
        }

        // " ?\p{L}+", " ?\p{N}+" and " ?[^\s\p{L}\p{N}]+" may start with one ASCII space.
        var start = text[0] == ' ' && text.Length > 1 ? 1 : 0;
        CharClass first = ClassAt(text, start, out _);
        if (first != CharClass.Space)
        {
            return start + RunLength(text[start..], first);
        }

        // "\s+(?!\S)" then "\s+": a run of white space gives up its last character to the word after it, so that
        // "  foo" splits as " " + " foo". A single space before a word is already taken by the alternatives above.
        var run = RunLength(text, CharClass.Space);
        var followedByNonSpace = run < text.Length;
        var runHasMoreThanOneChar = run > 1; // every White_Space character is in the BMP, one char each
        return followedByNonSpace && runHasMoreThanOneChar ? run - 1 : run;
    }

    /// <summary>All pieces of <paramref name="text"/>, in order. For tests and training; encoding avoids the allocations.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            var length = NextPieceLength(rest);
            pieces.Add(rest[..length].ToString());
            rest = rest[length..];
        }
        return pieces;
    }

    // 's|'t|'re|'ve|'m|'ll|'d — lower case only: GPT-2 splits "it's" but not "IT'S".
    private static int ContractionLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '\'')
        {
            return 0;
        }
        var c1 = text[1];
        if (c1 is 's' or 't' or 'm' or 'd')
        {
            return 2;
        }
        if (text.Length >= 3 && ((c1 is 'r' or 'v' && text[2] == 'e') || (c1 == 'l' && text[2] == 'l')))
        {
            return 3;
        }
        return 0;
    }

    /// <summary>How many chars from the start of <paramref name="text"/> belong to <paramref name="runClass"/>.</summary>
    private static int RunLength(ReadOnlySpan<char> text, CharClass runClass)
    {
        var i = 0;
        while (i < text.Length && ClassAt(text, i, out var width) == runClass)
        {
            i += width;
        }
        return i;
    }

    private static CharClass ClassAt(ReadOnlySpan<char> text, int index, out int width)
    {
        var c = text[index];
        if (c < 128)
        {
            width = 1;
            return asciiClasses[c];
        }
        // A lone surrogate decodes as U+FFFD (a symbol, so Other), which is also what it becomes in UTF-8.
        Rune.DecodeFromUtf16(text[index..], out Rune rune, out width);
        return ClassOf(rune);
    }

    private static CharClass ClassOf(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return CharClass.Space;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Number,
            _ => CharClass.Other,
        };
    }

    private static readonly CharClass[] asciiClasses = Enumerable.Range(0, 128).Select(c => ClassOf(new Rune(c))).ToArray();
}
