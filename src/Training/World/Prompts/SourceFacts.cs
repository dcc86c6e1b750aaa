namespace InstructGpt.Training.World.Prompts;

/// <summary>The facts a closed-domain source can state about its concept.</summary>
[Flags]
internal enum SourceFacts
{
    None = 0,
    Hypernym = 1,
    Kinds = 2,
    Parts = 4,
    OtherNames = 8,
    Example = 16,
}
