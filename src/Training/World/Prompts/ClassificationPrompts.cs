using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Classification (Table 1: 3.5%): which broad class a noun belongs to (WordNet's lexicographer files: animal,
/// plant, food, ...), several words at once, or a word's part of speech.
/// </summary>
internal sealed class ClassificationPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private static readonly string[] PartsOfSpeech = ["noun", "verb", "adjective"];

    /// <summary>Nouns with a class, except those named like a class ("plant", "person"), which would read as riddles.</summary>
    private readonly IReadOnlyList<Concept> classified = concepts.Nouns
        .Where(c => c.ClassLabel is not null && !concepts.ClassNames.Any(l => l.Split(' ').Contains(c.Word))).ToArray();
    private readonly IReadOnlyList<string> classes = concepts.ClassNames;
    private readonly IReadOnlyList<Concept> singlePos = concepts.All
        .Where(c => concepts.PartsOfSpeechOf(c.Word).Count == 1).ToArray();

    public TaskCategory Category => TaskCategory.Classification;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.5, () => OneWord(random)),
        (0.25, () => SeveralWords(random)),
        (0.25, () => PartOfSpeechOf(random)));

    private Demonstration OneWord(WorldRandom random)
    {
        var c = random.Pick(classified);
        var options = random.Sample(classes.Where(l => l != c.ClassLabel).ToArray(), 2).Append(c.ClassLabel!).ToList();
        random.Shuffle(options);
        var withArticles = options.Select(WithArticle).ToArray();
        var prompt = random.PickIndex([0.4, 0.3, 0.3]) switch
        {
            0 => $"Which category does '{c.Word}' belong to: {options[0]}, {options[1]} or {options[2]}?",
            1 => $"Is {c.Phrase} {withArticles[0]}, {withArticles[1]} or {withArticles[2]}?",
            _ => $"Classify '{c.Word}' as one of: {string.Join(", ", options)}.",
        };
        return CategoryPrompt.Make(Category, prompt, Sentence($"{c.Phrase} is {WithArticle(c.ClassLabel!)}"),
            [TaskConstraint.OneOf(options)]);
    }

    private Demonstration SeveralWords(WorldRandom random)
    {
        var pair = random.Sample(classes, 2);
        var pool = classified.Where(c => pair.Contains(c.ClassLabel!)).ToArray();
        var words = random.Sample(pool, 3);
        if (words.Select(w => w.ClassLabel).Distinct().Count() == 1) return OneWord(random);
        var prompt = $"Classify each of these as {WithArticle(pair[0])} or {WithArticle(pair[1])}: {string.Join(", ", words.Select(w => w.Word))}.";
        var answer = string.Join('\n', words.Select(w => $"{w.Word}: {w.ClassLabel}"));
        return CategoryPrompt.Make(Category, prompt, answer);
    }

    private Demonstration PartOfSpeechOf(WorldRandom random)
    {
        var c = random.Pick(singlePos);
        var pos = c.Pos switch { PartOfSpeech.Noun => "noun", PartOfSpeech.Verb => "verb", _ => "adjective" };
        var prompt = random.Pick(["Is the word '{0}' a noun, a verb or an adjective?", "Classify the word '{0}' as a noun, a verb or an adjective."]);
        return CategoryPrompt.Make(Category, string.Format(prompt, c.Word), $"The word '{c.Word}' is {WithArticle(pos)}.",
            [TaskConstraint.OneOf(PartsOfSpeech)]);
    }
}
