namespace InstructGpt.Api.Evaluations;

/// <param name="Total">Samples that match the filters.</param>
/// <param name="NextOffset">The offset of the next page, when there is one.</param>
public sealed record EvaluationSampleList(string Object, string EvaluationId, IReadOnlyList<EvaluationSampleObject> Data, int Total, bool HasMore, int? NextOffset);
