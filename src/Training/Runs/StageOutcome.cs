namespace InstructGpt.Training.Runs;

/// <summary>What a finished stage produced: its checkpoint, how long it took and its final metrics.</summary>
public sealed record StageOutcome(string Stage, string CheckpointDirectory, long Steps, double Seconds, IReadOnlyDictionary<string, double> Metrics);
