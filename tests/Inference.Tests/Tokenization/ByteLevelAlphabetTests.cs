using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Tests.Tokenization;

public class ByteLevelAlphabetTests
{
    [Theory]
    [InlineData(0x00, 'Ā')] // the first shifted byte, U+0100
    [InlineData(0x0A, 'Ċ')] // newline
    [InlineData(0x20, 'Ġ')] // space, as in "Ġthe"
    [InlineData(0x21, '!')] // printable bytes stand for themselves
    [InlineData(0x7F, 'ġ')]
    [InlineData(0xAD, 'Ń')] // soft hyphen, the last shifted byte
    [InlineData(0xE9, 'é')]
    public void MapsBytesAsGpt2sBytesToUnicodeDoes(int value, char expected)
    {
        Assert.Equal(expected, ByteLevelAlphabet.ToChar((byte)value));
        Assert.True(ByteLevelAlphabet.TryToByte(expected, out var back));
        Assert.Equal(value, back);
    }

    [Fact]
    public void IsABijectionOntoPrintableCharacters()
    {
        var chars = Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.ToChar((byte)b)).ToList();
        Assert.Equal(256, chars.Distinct().Count());
        Assert.All(chars, c => Assert.False(char.IsWhiteSpace(c) || char.IsControl(c), $"U+{(int)c:X4} is not printable"));
        Assert.False(ByteLevelAlphabet.TryToByte(' ', out _));
    }

    [Fact]
    public void ByteOrderIsTheOrderOfGpt2sFirst256Ids()
    {
        Assert.Equal(256, ByteLevelAlphabet.ByteOrder.ToArray().Distinct().Count());
        for (var id = 0; id < 256; id++)
        {
            Assert.Equal([ByteLevelAlphabet.ByteOrder[id]], TestData.Gpt2.TokenBytes(id));
        }
    }
}
