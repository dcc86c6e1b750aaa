using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public class PreTokenizerTests
{
    // Expected pieces from GPT-2's own code path: Python's regex module (2026.5.9) running encoder.py's pattern,
    // regex.findall(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""", text).
    public static TheoryData<string, string[]> PythonRegexSplits => new()
    {
        { "Hello world", ["Hello", " world"] },
        { "it's IT'S we're WE'RE", ["it", "'s", " IT", "'", "S", " we", "'re", " WE", "'", "RE"] },
        { "''s 'st", ["''", "s", " '", "st"] },
        { "  foo", [" ", " foo"] },
        { "a  b\tc\n\nd  ", ["a", " ", " b", "\t", "c", "\n", "\n", "d", "  "] },
        { " ", [" "] },
        { "\t", ["\t"] },
        // U+0085 is White_Space in Python (and here), not \s in JavaScript: js-tiktoken gives "x", " \u0085!".
        { "x \u0085!", ["x", " ", "\u0085", "!"] },
        { "a\u0085!", ["a", "\u0085", "!"] },
        // U+FEFF is not White_Space in Python (nor here), but \s in JavaScript.
        { "a\uFEFFb c", ["a", "\uFEFF", "b", " c"] },
        { " \uFEFF", [" \uFEFF"] },
        // Letters outside the BMP are one \p{L} each, not two surrogates.
        { "𝐀𝐁𝐂 𠀀x", ["𝐀𝐁𝐂", " 𠀀x"] },
        { "e\u0301t\u00e9", ["e", "\u0301", "t\u00e9"] },
        { "\u0663\u0664\u0665 \u00bd\u216b\u00b2", ["\u0663\u0664\u0665", " \u00bd\u216b\u00b2"] },
        { "\u00a0a\u3000b", ["\u00a0", "a", "\u3000", "b"] },
        { "a\r\n\r\nb", ["a", "\r\n\r", "\n", "b"] },
        { "3.14 1,000", ["3", ".", "14", " 1", ",", "000"] },
    };

    [Theory]
    [MemberData(nameof(PythonRegexSplits))]
    public void SplitsAsGpt2sPatternDoesInPython(string text, string[] expected)
    {
        Assert.Equal(expected, PreTokenizer.Split(text));
    }

    [Fact]
    public void EmptyTextHasNoPieces()
    {
        Assert.Empty(PreTokenizer.Split(""));
    }

    [Fact]
    public void PiecesCoverTheTextWithoutGapsAndNeverSplitASurrogatePair()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var text = RandomText.Next(random, random.Next(0, 40));
            var pieces = PreTokenizer.Split(text);

            Assert.Equal(text, string.Concat(pieces));
            var offset = 0;
            foreach (var piece in pieces)
            {
                Assert.NotEmpty(piece);
                var splitsAPair = offset > 0 && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]);
                Assert.False(splitsAPair, $"a piece boundary at {offset} splits a surrogate pair");
                offset += piece.Length;
            }
        }
    }
}
