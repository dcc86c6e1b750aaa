using InstructGpt.Evaluation.Reports;

namespace InstructGpt.Evaluation.Tests.Reports;

public sealed class ReportHeadlinesTests
{
    [Fact]
    public void OneRowPerModelWithTheHeadlineMetricsPresent()
    {
        var lines = ReportHeadlines.Render(SampleRun.Report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("model", lines[0], StringComparison.Ordinal);
        Assert.Contains("win rate", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("perplexity", lines[0], StringComparison.Ordinal); // the sample run has none
        Assert.Equal(SampleRun.ModelCount + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("ppo-ptx", StringComparison.Ordinal) && l.Contains("70.0%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sft", StringComparison.Ordinal) && l.Contains('–')); // the baseline has no win rate
    }
}
