namespace InstructGpt.Api.Jobs;

/// <summary>OpenAI's list shape.</summary>
public sealed record JobList(string Object, IReadOnlyList<JobObject> Data, bool HasMore);
