using System.Globalization;
using InstructGpt.Evaluation.Metrics;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Tests.Reports;

public class ChartTests
{
    [Fact]
    public void WinRateChartHasOneBarPerModelWithErrorBarsAndTheFiftyPercentLine()
    {
        var svg = new SvgDocument(WinRateChart.Render(SampleRun.Report));

        Assert.Equal(SampleRun.Evaluated.Order(), svg.Bars.Select(b => (string)b.Attribute("data-model")!).Order());
        Assert.Equal(SampleRun.Evaluated.Length, svg.ErrorBars.Count);
        Assert.Equal(svg.Bars.Select(b => (string?)b.Attribute("data-model")), svg.ErrorBars.Select(e => (string?)e.Attribute("data-model")));
        Assert.True(svg.Has("reference-line"));
        Assert.Contains(svg.Texts, t => t.StartsWith("50%", StringComparison.Ordinal));
        Assert.Equal("0 0 800 440", (string?)svg.Root.Attribute("viewBox"));
        Assert.Contains("Model", svg.Texts);
        Assert.Contains(svg.Texts, t => t.Contains("Win rate against sft", StringComparison.Ordinal));
        Assert.Empty(svg.LegendSwatches); // one bar per group: the x labels name the models
    }

    [Fact]
    public void BarsAndErrorBarsCarryTheValuesTheyDraw()
    {
        var svg = new SvgDocument(WinRateChart.Render(SampleRun.Report));
        var ppo = svg.Bars.Single(b => (string?)b.Attribute("data-model") == "ppo");
        var ppoError = svg.ErrorBars.Single(e => (string?)e.Attribute("data-model") == "ppo");
        var expected = WinRate.FromCounts(3, 2, 5);

        Assert.Equal(0.4, double.Parse((string)ppo.Attribute("data-value")!, CultureInfo.InvariantCulture), 12);
        Assert.Equal(expected.CiLow!.Value, double.Parse((string)ppoError.Attribute("data-low")!, CultureInfo.InvariantCulture), 12);
        Assert.Equal(expected.CiHigh!.Value, double.Parse((string)ppoError.Attribute("data-high")!, CultureInfo.InvariantCulture), 12);
        // Taller bar for the higher win rate: ppo-ptx (0.70) above ppo (0.40).
        var ptx = svg.Bars.Single(b => (string?)b.Attribute("data-model") == "ppo-ptx");
        Assert.True(Height(ptx) > Height(ppo));
    }

    [Fact]
    public void MetadataChartHasOneBarPerModelInEachOfFigureFoursGroups()
    {
        var svg = new SvgDocument(MetadataRatesChart.Render(SampleRun.Report));
        var groups = svg.Bars.GroupBy(b => (string)b.Attribute("data-group")!).ToArray();

        Assert.Equal(MetadataFlags.Figure4.Select(MetadataFlags.Label), groups.Select(g => g.Key));
        Assert.All(groups, g => Assert.Equal(SampleRun.Report.Models.Order(), g.Select(b => (string)b.Attribute("data-model")!).Order()));
        Assert.Equal(4 * SampleRun.ModelCount, svg.ErrorBars.Count);
        Assert.Equal(SampleRun.ModelCount, svg.LegendSwatches.Count);
    }

    [Fact]
    public void ToxicityChartComparesEachModelWithoutAndWithTheRespectfulInstruction()
    {
        var svg = new SvgDocument(ToxicityChart.Render(SampleRun.Report));
        var groups = svg.Bars.GroupBy(b => (string)b.Attribute("data-group")!).ToArray();

        Assert.Equal(
        [
            "Exp. max toxicity, no instruction",
            "Exp. max toxicity, respectful",
            "Toxicity probability, no instruction",
            "Toxicity probability, respectful",
        ], groups.Select(g => g.Key));
        Assert.All(groups, g => Assert.Equal(SampleRun.ModelCount, g.Select(b => (string)b.Attribute("data-model")!).Distinct().Count()));
        Assert.All(groups, g => Assert.Equal(SampleRun.ModelCount, g.Count()));
        Assert.Equal(svg.Bars.Count, svg.ErrorBars.Count);
    }

    [Fact]
    public void LikertChartGroupsByCategoryWithAllPromptsFirst()
    {
        var svg = new SvgDocument(LikertByCategoryChart.Render(SampleRun.Report));
        var groups = svg.Bars.GroupBy(b => (string)b.Attribute("data-group")!).ToArray();

        Assert.Equal(["All prompts", "closed qa", "generation"], groups.Select(g => g.Key));
        Assert.All(groups, g => Assert.Equal(SampleRun.ModelCount, g.Count()));
        Assert.Contains("Mean Likert score (1–7)", svg.Texts);
        // The axis is the Likert scale, 0 to 7, however wide a small-n interval is.
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7"], YTickLabels(svg));
    }

    [Fact]
    public void AModelKeepsItsColourAcrossCharts()
    {
        string Fill(string svg, string model) =>
            (string)new SvgDocument(svg).Bars.First(b => (string?)b.Attribute("data-model") == model).Attribute("fill")!;

        foreach (var model in SampleRun.Evaluated)
        {
            var colour = Fill(WinRateChart.Render(SampleRun.Report), model);
            Assert.Equal(colour, Fill(MetadataRatesChart.Render(SampleRun.Report), model));
            Assert.Equal(colour, Fill(ToxicityChart.Render(SampleRun.Report), model));
            Assert.Equal(colour, Fill(LikertByCategoryChart.Render(SampleRun.Report), model));
        }
    }

    [Fact]
    public void NamesWithMarkupCharactersStillMakeWellFormedSvg()
    {
        const string model = "ppo <v2> & \"ptx\"";
        var report = EvaluationReport.Create(
            SampleRun.Run with { Models = [model] },
            [Aggregate.Of(model, SampleRun.Labeler, Aggregate.AllCategories, MetricNames.WinRate, WinRate.FromCounts(6, 0, 4))]);

        var svg = new SvgDocument(WinRateChart.Render(report));

        Assert.Equal(model, (string?)Assert.Single(svg.Bars).Attribute("data-model"));
    }

    [Fact]
    public void ARunWithoutResultsDrawsEmptyCharts()
    {
        var report = EvaluationReport.Create(SampleRun.Run with { Status = RunStatus.Running }, []);

        foreach (var chart in ReportCharts.Render(report))
        {
            var svg = new SvgDocument(chart.Svg);
            Assert.Empty(svg.Bars);
            Assert.Contains("No results for this chart yet.", svg.Texts);
        }
    }

    [Fact]
    public void ABarWithoutAnIntervalDrawsNoErrorBar()
    {
        var report = EvaluationReport.Create(SampleRun.Run with { Models = ["ppo"] },
            [Aggregate.Of("ppo", SampleRun.Labeler, Aggregate.AllCategories, MetricNames.LikertMean, MeanInterval.StudentT([5]))]);

        var svg = new SvgDocument(LikertByCategoryChart.Render(report));

        Assert.Single(svg.Bars);
        Assert.Empty(svg.ErrorBars);
    }

    private static IReadOnlyList<string> YTickLabels(SvgDocument svg) =>
        svg.Root.Descendants().Where(e => (string?)e.Attribute("class") == "y-axis").Single()
            .Elements().Where(e => e.Name.LocalName == "text" && e.Attribute("class") is null).Select(e => e.Value).ToArray();

    private static double Height(System.Xml.Linq.XElement rect) => double.Parse((string)rect.Attribute("height")!, CultureInfo.InvariantCulture);
}
