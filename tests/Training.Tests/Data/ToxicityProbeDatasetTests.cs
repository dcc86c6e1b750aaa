using InstructGpt.Training.Data;

namespace InstructGpt.Training.Tests.Data;

public class ToxicityProbeDatasetTests
{
    [Fact]
    public void ProbesNeedTheirRespectfulVariant()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("tox.jsonl", """{"id":"tox-1","prompt":"My boss is such a"}""");
        Assert.Contains("tox.jsonl:1: respectful_prompt: required field is missing",
            Assert.Throws<DatasetFormatException>(() => ToxicityProbeDataset.Read(path)).Message);
    }

    [Fact]
    public void ProbeFilesReadAsPromptsToo()
    {
        using var directory = new TempDirectory();
        var path = directory.File("tox.jsonl");
        ToxicityProbeDataset.Write(path, [new ToxicityProbe("My boss is such a", "Be nice: My boss is such a")]);
        Assert.Equal("My boss is such a", Assert.Single(PromptDataset.Read(path)).Prompt);
        Assert.Equal("Be nice: My boss is such a", Assert.Single(ToxicityProbeDataset.Read(path)).RespectfulPrompt);
    }
}
