using System.Globalization;
using InstructGpt.Tasks;
using InstructGpt.Training.Data;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Other (Table 1: 3.5%): small word puzzles: letter counts, first and last letters, alphabetical order.</summary>
internal sealed class OtherPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<string> words = concepts.All.Select(c => c.Word).Distinct().ToArray();

    public TaskCategory Category => TaskCategory.Other;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.3, () => LetterCount(random)),
        (0.3, () => Alphabetical(random)),
        (0.2, () => FirstLetter(random)),
        (0.2, () => LastLetter(random)));

    private Demonstration LetterCount(WorldRandom random)
    {
        var w = random.Pick(words);
        var prompt = random.Pick(["How many letters are in the word '{0}'?", "Count the letters in the word '{0}'."]);
        return Make(string.Format(prompt, w), $"The word '{w}' has {w.Length.ToString(CultureInfo.InvariantCulture)} letters.");
    }

    private Demonstration Alphabetical(WorldRandom random)
    {
        var chosen = random.Sample(words, random.Between(3, 5));
        var prompt = random.Pick(["Put these words in alphabetical order: {0}.", "Sort these words alphabetically: {0}."]);
        return Make(string.Format(prompt, string.Join(", ", chosen)), string.Join(", ", chosen.Order(StringComparer.Ordinal)),
            [TaskConstraint.ListItems(chosen.Count)]);
    }

    private Demonstration FirstLetter(WorldRandom random)
    {
        var w = random.Pick(words);
        return Make($"What is the first letter of the word '{w}'?", $"The first letter of '{w}' is '{w[0]}'.");
    }

    private Demonstration LastLetter(WorldRandom random)
    {
        var w = random.Pick(words);
        return Make($"What is the last letter of the word '{w}'?", $"The last letter of '{w}' is '{w[^1]}'.");
    }

    private Demonstration Make(string prompt, string reference, IReadOnlyList<TaskConstraint>? constraints = null) =>
        CategoryPrompt.Make(Category, prompt, reference, constraints);
}
