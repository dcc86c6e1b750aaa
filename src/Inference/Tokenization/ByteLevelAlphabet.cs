namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// GPT-2's reversible map from the 256 byte values to printable characters (<c>bytes_to_unicode</c> in
/// openai/gpt-2 src/encoder.py). vocab.json and merges.txt spell every token in these characters, so no token
/// contains whitespace or a control character and merges.txt can separate its two tokens with a space.
/// </summary>
internal static class ByteLevelAlphabet
{
    // Printable Latin-1 bytes stand for themselves; the other 68 bytes (controls, space, DEL, NBSP, soft hyphen)
    // are shifted, in byte order, to U+0100 onward.
    private static readonly byte[] byteOrder = BuildByteOrder();
    private static readonly char[] charOfByte = BuildCharOfByte();
    private static readonly Dictionary<char, byte> byteOfChar = Enumerable.Range(0, 256).ToDictionary(b => charOfByte[b], b => (byte)b);

    /// <summary>
    /// The 256 bytes in the order of GPT-2's first 256 token ids: the printable ones first, then the shifted ones
    /// ("!" is id 0, the byte 0x00 is id 188, the space is id 220).
    /// </summary>
    public static ReadOnlySpan<byte> ByteOrder => byteOrder;

    public static char ToChar(byte value) => charOfByte[value];

    public static bool TryToByte(char c, out byte value) => byteOfChar.TryGetValue(c, out value);

    /// <summary>Spells raw bytes the way vocab.json and merges.txt do.</summary>
    public static string ToText(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = charOfByte[bytes[i]];
        }
        return new string(chars);
    }

    private static bool IsPrintable(int b) => b is >= '!' and <= '~' or >= '¡' and <= '¬' or >= '®' and <= 'ÿ';

    private static byte[] BuildByteOrder()
    {
        var printable = Enumerable.Range(0, 256).Where(IsPrintable);
        var shifted = Enumerable.Range(0, 256).Where(b => !IsPrintable(b));
        return printable.Concat(shifted).Select(b => (byte)b).ToArray();
    }

    private static char[] BuildCharOfByte()
    {
        var chars = new char[256];
        var nextShifted = 256;
        for (var b = 0; b < 256; b++)
        {
            chars[b] = IsPrintable(b) ? (char)b : (char)nextShifted++;
        }
        return chars;
    }
}
