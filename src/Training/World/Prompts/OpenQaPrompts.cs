using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Open QA (Table 1: 12.4%): what a word means, what kind of thing it is, its opposite, another word for it.</summary>
internal sealed class OpenQaPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<Concept> all = concepts.All;
    private readonly IReadOnlyList<Concept> withHypernym = concepts.Nouns.Where(c => c.Hypernym is not null).ToArray();
    private readonly IReadOnlyList<Concept> withAntonym = concepts.All.Where(c => c.Antonym is not null).ToArray();
    private readonly IReadOnlyList<Concept> withSynonym = concepts.All.Where(c => c.Synonyms.Count > 0).ToArray();

    public TaskCategory Category => TaskCategory.OpenQa;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.45, () => Definition(random)),
        (0.20, () => KindOf(random)),
        (0.15, () => Opposite(random)),
        (0.12, () => Synonym(random)),
        (0.08, () => ExplainToChild(random)));

    private Demonstration Definition(WorldRandom random)
    {
        var c = random.Pick(all);
        string prompt, reference = c.DefinitionSentence;
        if (random.Chance(0.35) || c.Pos == PartOfSpeech.Adjective)
        {
            prompt = $"What does the word '{c.Word}' mean?";
            reference = Sentence($"the word '{c.Word}' means {c.Definition}");
        }
        else
        {
            prompt = c.Pos == PartOfSpeech.Verb
                ? $"What does it mean to {c.Word}?"
                : string.Format(random.Pick(["What is {0}?", "Can you tell me what {0} is?", "Explain what {0} is."]), c.Phrase);
        }
        var (withConstraint, constraints) = ConstraintPhrases.MaybeLength(random, prompt, reference, 0.3, allowSentence: true);
        return Make(withConstraint, reference, constraints);
    }

    private Demonstration KindOf(WorldRandom random)
    {
        var c = random.Pick(withHypernym);
        var prompt = random.Pick(["What kind of thing is {0}?", "What category does {0} belong to?"]);
        return Make(string.Format(prompt, c.Phrase), Sentence($"{c.Phrase} is a kind of {c.Hypernym}"));
    }

    private Demonstration Opposite(WorldRandom random)
    {
        var c = random.Pick(withAntonym);
        var prompt = random.Pick(["What is the opposite of '{0}'?", "What is the opposite of the word '{0}'?"]);
        return Make(string.Format(prompt, c.Word), $"The opposite of '{c.Word}' is '{c.Antonym}'.");
    }

    private Demonstration Synonym(WorldRandom random)
    {
        var c = random.Pick(withSynonym);
        var prompt = random.Pick(["What is another word for '{0}'?", "What is a synonym for '{0}'?"]);
        return Make(string.Format(prompt, c.Word), $"Another word for '{c.Word}' is '{c.Synonyms[0]}'.");
    }

    private Demonstration ExplainToChild(WorldRandom random)
    {
        var c = random.Pick(withHypernym);
        var prompt = random.Pick(["Explain {0} to a six-year-old.", "Explain {0} to a child in a few words."]);
        return Make(string.Format(prompt, c.Phrase), $"{c.DefinitionSentence} It is a kind of {c.Hypernym}.");
    }

    private Demonstration Make(string prompt, string reference, IReadOnlyList<TaskConstraint>? constraints = null) =>
        CategoryPrompt.Make(Category, prompt, reference, constraints);
}
