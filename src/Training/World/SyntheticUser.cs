namespace InstructGpt.Training.World;

/// <summary>One synthetic user: an id, the split all their prompts go to, and how many prompts they wrote.</summary>
public sealed record SyntheticUser(string Id, WorldSplit Split, int Prompts);
