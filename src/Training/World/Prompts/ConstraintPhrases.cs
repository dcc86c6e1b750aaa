
using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Training.World.Prompts;

/// <summary>How prompts state their explicit constraints, and the constraint each phrase records.</summary>
internal static class ConstraintPhrases
{
    private static readonly string[] OneSentence = ["Answer in one sentence.", "Use one sentence.", "Reply in a single sentence."];
    private static readonly string[] MaxWordsPhrases = ["Use at most {0} words.", "Keep it to {0} words or fewer.", "Answer in no more than {0} words."];

    public static (string Phrase, TaskConstraint Constraint) Sentence(WorldRandom random) =>
        (random.Pick(OneSentence), TaskConstraint.Sentences(1));

    /// <summary>A word limit the reference meets with a little room: the next multiple of 5 above its length + 3.</summary>
    public static (string Phrase, TaskConstraint Constraint) MaxWords(WorldRandom random, string reference)
    {
        var limit = (TextFeatures.WordCount(reference) + 3 + 4) / 5 * 5;
        return (string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(MaxWordsPhrases), limit),
            TaskConstraint.MaxWords(limit));
    }

    /// <summary>Appends one of the two length constraints to a prompt, or none, with the given probability.</summary>
    public static (string Prompt, IReadOnlyList<TaskConstraint> Constraints) MaybeLength(
        WorldRandom random, string prompt, string reference, double probability, bool allowSentence)
    {
        if (!random.Chance(probability)) return (prompt, []);
        var (phrase, constraint) = allowSentence && TextFeatures.Sentences(reference).Count == 1 && random.Chance(0.5)
            ? Sentence(random)
            : MaxWords(random, reference);
        return ($"{prompt} {phrase}", [constraint]);
    }
}
