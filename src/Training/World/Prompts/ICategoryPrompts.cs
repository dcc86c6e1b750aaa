using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Writes prompts of one Table 1 category, each with its reference demonstration (the answer a trained labeler
/// would write), from a few clear templates with a few phrasings each, so a tiny model can learn to follow them.
/// </summary>
internal interface ICategoryPrompts
{
    TaskCategory Category { get; }

    /// <summary>A new prompt and its demonstration; id and user are filled in by the builder.</summary>
    Demonstration Create(WorldRandom random);
}
