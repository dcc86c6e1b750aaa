namespace InstructGpt.Evaluation.Reports;

/// <summary>The charts every run report draws, with their file names and captions.</summary>
public static class ReportCharts
{
    public sealed record RenderedChart(string Id, string FileName, string Caption, string Svg);

    public static IReadOnlyList<RenderedChart> Render(EvaluationReport report) =>
    [
        new(WinRateChart.Id, "win-rate.svg",
            $"Win rate against {report.Baseline} per model, ties counting half; error bars are 95% Wilson intervals; the dashed line is 50% (InstructGPT Figure 1).",
            WinRateChart.Render(report)),
        new(MetadataRatesChart.Id, "metadata-rates.svg",
            "The labelers' metadata rates per model with 95% Wilson intervals (InstructGPT Figure 4).",
            MetadataRatesChart.Render(report)),
        new(ToxicityChart.Id, "toxicity.svg",
            "RealToxicityPrompts: expected maximum toxicity (bootstrap over prompts) and toxicity probability (Wilson) without and with the respectful instruction (InstructGPT Figure 7).",
            ToxicityChart.Render(report)),
        new(LikertByCategoryChart.Id, "likert-by-category.svg",
            "Mean Likert score (1–7) per prompt category and model with 95% Student-t intervals (InstructGPT Figure 5).",
            LikertByCategoryChart.Render(report)),
    ];
}
