namespace InstructGpt.Training.World;

/// <summary>How big a world to build: the paper's dataset sizes, 1/25 of them (the CPU default), or 1/250 (tests).</summary>
public enum WorldSize
{
    Small,
    Default,
    Paper,
}
