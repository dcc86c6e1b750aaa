using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Labeling;

/// <summary>Pairwise agreement over some tasks: how many tasks, output pairs and agreeing pairs; rate null when there is no pair.</summary>
public sealed record AgreementCounts(int Tasks, int Pairs, int Agreements, double? Rate)
{
    public static AgreementCounts From(int tasks, AgreementResult result) =>
        new(tasks, result.Pairs, result.Agreements, result.Pairs == 0 ? null : Math.Round(result.Rate, 3));
}
