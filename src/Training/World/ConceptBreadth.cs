namespace InstructGpt.Training.World;

/// <summary>How many word senses the world draws on.</summary>
public enum ConceptBreadth
{
    /// <summary>Familiar words only: what tiny models can learn in minutes (small and default worlds).</summary>
    Familiar,
    /// <summary>Every sense tagged in the semantic concordances: enough distinct prompts for the paper's sizes.</summary>
    Broad,
}
