namespace InstructGpt.Evaluation.Reports;

/// <summary>
/// Model colours: the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), distinguishable with the
/// common colour-vision deficiencies. A model keeps its colour in every chart of a report because colours follow
/// the report's model order.
/// </summary>
public static class ChartPalette
{
    private static readonly string[] Colors =
    [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#56B4E9", // sky blue
        "#D55E00", // vermillion
        "#F0E442", // yellow
        "#000000", // black
    ];

    public static string ColorFor(int modelIndex) => Colors[((modelIndex % Colors.Length) + Colors.Length) % Colors.Length];

    public static string ColorFor(EvaluationReport report, string model) => ColorFor(IndexOf(report, model));

    private static int IndexOf(EvaluationReport report, string model)
    {
        for (var i = 0; i < report.Models.Count; i++)
        {
            if (report.Models[i] == model) return i;
        }
        return report.Models.Count;
    }
}
