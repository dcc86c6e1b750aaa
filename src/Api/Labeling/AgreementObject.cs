namespace InstructGpt.Api.Labeling;

/// <summary>A batch's agreement: overall, per labeler pair, and each labeler's with the simulated reference labeler.</summary>
public sealed record AgreementObject(string Object, string BatchId, AgreementCounts Overall, IReadOnlyList<LabelerPairAgreement> LabelerPairs,
    string ReferenceLabeler, IReadOnlyList<ReferenceAgreement> Reference)
{
    public const string ObjectName = "labeling.agreement";
}
