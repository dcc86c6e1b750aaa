namespace InstructGpt.Training.World;

/// <summary>Where a build is: a stage name and how much of that stage is done.</summary>
public sealed record WorldBuildProgress(string Stage, int Completed, int Total);
