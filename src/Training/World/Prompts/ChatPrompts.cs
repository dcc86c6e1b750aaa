using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Chat (Table 1: 8.4%): a short Human/AI dialogue ending in "AI:", whose last human turn asks about a word.
/// The opening turns are short so near-duplicate detection (a long common prefix) still sees the question.
/// </summary>
internal sealed class ChatPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private static readonly string[] Openings =
    [
        "Human: Hi! {0}\nAI:",
        "Human: Hello! {0}\nAI:",
        "Human: Hello!\nAI: Hi! How can I help you?\nHuman: {0}\nAI:",
        "Human: Hey there.\nAI: Hello! What can I do for you?\nHuman: {0}\nAI:",
    ];

    private static readonly string[] Openers = ["Sure!", "Of course!", "Good question!", "Happy to help!"];

    private readonly IReadOnlyList<Concept> nouns = concepts.Nouns;
    private readonly IReadOnlyList<Concept> all = concepts.All;
    private readonly IReadOnlyList<Concept> withAntonym = concepts.All.Where(c => c.Antonym is not null).ToArray();
    private readonly IReadOnlyList<Concept> withKinds = concepts.Nouns.Where(c => c.Hyponyms.Count >= 3).ToArray();

    public TaskCategory Category => TaskCategory.Chat;

    public Demonstration Create(WorldRandom random)
    {
        var (question, answer) = random.PickIndex([0.4, 0.25, 0.15, 0.2]) switch
        {
            0 => WhatIs(random),
            1 => WordMeaning(random),
            2 => Opposite(random),
            _ => Kinds(random),
        };
        var prompt = string.Format(random.Pick(Openings), question);
        return CategoryPrompt.Make(Category, prompt, $"{random.Pick(Openers)} {answer}");
    }

    private (string, string) WhatIs(WorldRandom random)
    {
        var c = random.Pick(nouns);
        return (string.Format(random.Pick(["What is {0}?", "Can you tell me what {0} is?"]), c.Phrase), c.DefinitionSentence);
    }

    private (string, string) WordMeaning(WorldRandom random)
    {
        var c = random.Pick(all);
        return ($"What does the word '{c.Word}' mean?", Sentence($"the word '{c.Word}' means {c.Definition}"));
    }

    private (string, string) Opposite(WorldRandom random)
    {
        var c = random.Pick(withAntonym);
        return ($"What is the opposite of '{c.Word}'?", $"The opposite of '{c.Word}' is '{c.Antonym}'.");
    }

    private (string, string) Kinds(WorldRandom random)
    {
        var c = random.Pick(withKinds);
        return ($"Can you name three kinds of {c.Word}?", $"Here are three: {JoinList(c.Hyponyms.Take(3).ToArray())}.");
    }
}
