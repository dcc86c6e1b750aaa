namespace InstructGpt.Training.World;

/// <summary>The user-disjoint splits of the prompt data (InstructGPT §3.2: split by user ID).</summary>
public enum WorldSplit
{
    Train,
    Valid,
    Test,
}
