namespace InstructGpt.Api.Labeling;

/// <summary>One labeler's ranking of one task, read back for agreement: the outputs' texts in label order and each output's rank.</summary>
public sealed record StoredRanking(long TaskId, string Labeler, InstructGpt.Tasks.PromptTask Task, IReadOnlyList<string> Outputs, IReadOnlyList<int> RanksByOutput);
