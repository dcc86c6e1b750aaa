using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Brainstorming (Table 1: 11.2%): lists of kinds of something, of its parts, of words meaning the same.</summary>
internal sealed class BrainstormingPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    public const int MinItems = 3;
    public const int MaxItems = 5;

    private readonly IReadOnlyList<Concept> nounsWithKinds = concepts.Nouns.Where(c => c.Hyponyms.Count >= MinItems).ToArray();
    private readonly IReadOnlyList<Concept> verbsWithWays = concepts.Verbs.Where(c => c.Hyponyms.Count >= MinItems).ToArray();
    private readonly IReadOnlyList<Concept> withParts = concepts.Nouns.Where(c => c.Parts.Count >= 2).ToArray();
    private readonly IReadOnlyList<Concept> withSynonyms = concepts.All.Where(c => c.Synonyms.Count >= MinItems).ToArray();

    public TaskCategory Category => TaskCategory.Brainstorming;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.55, () => Kinds(random)),
        (0.12, () => Ways(random)),
        (0.13, () => Parts(random)),
        (0.20, () => SameMeaning(random)));

    private Demonstration Kinds(WorldRandom random)
    {
        var c = random.Pick(nounsWithKinds);
        var n = random.Between(MinItems, Math.Min(MaxItems, c.Hyponyms.Count));
        var prompt = random.Pick(["List {0} kinds of {1}.", "Name {0} types of {1}.", "Brainstorm {0} kinds of {1}.", "What are some kinds of {1}? Give {0}."]);
        return List(string.Format(prompt, NumberWord(n), c.Word), c.Hyponyms.Take(n).ToArray());
    }

    private Demonstration Ways(WorldRandom random)
    {
        var c = random.Pick(verbsWithWays);
        var n = random.Between(MinItems, Math.Min(MaxItems, c.Hyponyms.Count));
        var prompt = random.Pick(["List {0} ways to {1}.", "Name {0} ways to {1}."]);
        return List(string.Format(prompt, NumberWord(n), c.Word), c.Hyponyms.Take(n).ToArray());
    }

    private Demonstration Parts(WorldRandom random)
    {
        var c = random.Pick(withParts);
        var n = Math.Min(4, c.Parts.Count);
        var prompt = random.Pick(["List {0} parts of {1}.", "Name {0} parts of {1}."]);
        return List(string.Format(prompt, NumberWord(n), c.Phrase), c.Parts.Take(n).ToArray());
    }

    private Demonstration SameMeaning(WorldRandom random)
    {
        var c = random.Pick(withSynonyms);
        var n = Math.Min(MinItems, c.Synonyms.Count);
        var prompt = random.Pick(["List {0} words that mean the same as '{1}'.", "Brainstorm {0} other words for '{1}'."]);
        return List(string.Format(prompt, NumberWord(n), c.Word), c.Synonyms.Take(n).ToArray());
    }

    private Demonstration List(string prompt, IReadOnlyList<string> items) =>
        CategoryPrompt.Make(Category, prompt, NumberedList(items), [TaskConstraint.ListItems(items.Count)]);
}
