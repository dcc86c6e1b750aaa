namespace InstructGpt.Cli.Tests;

public class TokenizeCommandTests
{
    [Fact]
    public void EncodesEachLineToAJsonArrayWithOnlyVocabularyFiles()
    {
        var (exit, stdout, stderr) = CliProcess.Run("Hello world\n<|endoftext|>\n", "tokenize", "--model", CliProcess.Gpt2Vocabulary);
        Assert.True(exit == 0, stderr);
        Assert.Equal(["[15496,995]", "[50256]"], stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public void DecodeReversesEncode()
    {
        var (exit, stdout, stderr) = CliProcess.Run("[15496,995]\n[40,1101,994]\n", "tokenize", "--model", CliProcess.Gpt2Vocabulary, "--decode");
        Assert.True(exit == 0, stderr);
        Assert.Equal(["Hello world", "I'm here"], stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public void BadInputNamesTheLineAndTheRange()
    {
        var (exit, _, stderr) = CliProcess.Run("[1]\n[99999]\n", "tokenize", "--model", CliProcess.Gpt2Vocabulary, "--decode");
        Assert.Equal(2, exit);
        Assert.Contains("stdin line 2", stderr);
        Assert.Contains("[0, 50256]", stderr);
    }
}
