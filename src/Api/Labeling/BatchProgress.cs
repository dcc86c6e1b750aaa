namespace InstructGpt.Api.Labeling;

/// <summary>
/// A batch's progress: the sampling job's fraction, then labeling: submissions out of tasks × overlap, and skips (which free a
/// slot for another labeler, so they do not count toward it).
/// </summary>
public sealed record BatchProgress(double Sampling, int Tasks, int Submissions, int RequiredSubmissions, int Skips, double Labeling);
