namespace InstructGpt.Api.Labeling;

public sealed record TaskList(string Object, IReadOnlyList<TaskDetail> Data, int Total, bool HasMore);
