using System.Text;

namespace InstructGpt.Inference.Tests.Tokenization;

/// <summary>Random strings that mix the characters a tokenizer finds hard, for property tests with a fixed seed.</summary>
internal static class RandomText
{
    // Each group is drawn with equal chance, so rare kinds of characters turn up often.
    private static readonly string[][] groups =
    [
        ["a", "b", "e", "s", "t", "x", "Z", "the", "ing"],
        ["0", "1", "7", "9", "42"],
        [" ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u0085", "\u000b"],
        ["'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "\u2019"],
        [".", ",", "!", "?", "-", "(", ")", "{", "}", "<", ">", "|", "\\", "\"", "=", "_", "#", "@"],
        ["é", "ü", "ß", "Ø", "ñ", "e\u0301", "ǅ"],
        ["日", "本", "語", "한", "中", "文", "𠀀"],
        ["😀", "👍🏽", "🇫🇷", "👨\u200d👩\u200d👧", "❤️", "𝐀", "𐌰"],
        ["ש", "ל", "ו", "م", "ر", "ح", "٣"],
        ["\u0000", "\u0001", "\u007f", "\u00ad", "\u200b", "\uFEFF", "<|endoftext|>"],
    ];

    /// <summary>A string of about <paramref name="parts"/> fragments; always valid UTF-16 (no lone surrogates).</summary>
    public static string Next(Random random, int parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            var group = groups[random.Next(groups.Length)];
            text.Append(group[random.Next(group.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A string of random Unicode scalar values from the whole range, astral ones included.</summary>
    public static string NextScalars(Random random, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            int value;
            do
            {
                value = random.Next(4) switch
                {
                    0 => random.Next(0x80),
                    1 => random.Next(0x800),
                    2 => random.Next(0x10000),
                    _ => random.Next(0x110000),
                };
            }
            while (value is >= 0xD800 and <= 0xDFFF);
            text.Append(char.ConvertFromUtf32(value));
        }
        return text.ToString();
    }
}
