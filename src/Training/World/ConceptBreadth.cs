namespace InstructGpt.Training.World;

/// <summary>How many word senses the world draws on.</summary>
public enum ConceptBreadth
{
    /// <summary>
    /// The most familiar of the familiar senses, about 300: a world narrow enough that a 4M-parameter model meets
    /// every concept's definition some 50 times per epoch of its pretraining text and learns it (TinyStories' lesson
    /// that small models become coherent in a narrow world). The default world on a CPU.
    /// </summary>
    Core,
    /// <summary>Familiar words only, about 4,600 senses (the small test world, where variety matters more than facts).</summary>
    Familiar,
    /// <summary>Every sense tagged in the semantic concordances: enough distinct prompts for the paper's sizes.</summary>
    Broad,
}
