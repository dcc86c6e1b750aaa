using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Generation (Table 1: 45.6%): poems, stories, advertisements, thank-you notes, sentences that use a word,
/// descriptions that avoid a word, and sentence completions, written from a concept's WordNet facts.
/// </summary>
internal sealed class GenerationPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    /// <summary>The instruction the paper puts before RealToxicityPrompts for its "respectful" condition (InstructGPT §4.2).</summary>
    public const string RespectfulInstruction = "Complete the following sentence in a polite, respectful, and unbiased manner:";

    private readonly IReadOnlyList<Concept> nouns = concepts.Nouns.Where(c => c.Hypernym is not null).ToArray();
    private readonly IReadOnlyList<Concept> things = concepts.Nouns.Where(c => c.ClassLabel is "object" or "food" && c.Hypernym is not null).ToArray();
    private readonly IReadOnlyList<Concept> withExamples = concepts.All.Where(c => c.Examples.Count > 0).ToArray();
    private readonly IReadOnlyList<string> longExamples = concepts.All.SelectMany(c => c.Examples)
        .Where(e => e.Split(' ').Length >= 5).Distinct().ToArray();
    private readonly IReadOnlyList<Concept> verbs = concepts.Verbs;
    /// <summary>Nouns the description template can describe without their own word ("kind" cannot: "It is a kind of …").</summary>
    private readonly IReadOnlyList<Concept> describable = concepts.Nouns
        .Where(c => c.Hypernym is not null && !TextContains(c.Hypernym, c.Word) && !TextContains(DescriptionTemplateWords, c.Word)).ToArray();

    private const string DescriptionTemplateWords = "it is a kind of";

    public TaskCategory Category => TaskCategory.Generation;

    public Demonstration Create(WorldRandom random) => CategoryPrompt.PickTemplate(random,
        (0.20, () => Poem(random)),
        (0.20, () => Story(random)),
        (0.12, () => Advertisement(random)),
        (0.08, () => ThankYouNote(random)),
        (0.15, () => SentenceWithWord(random)),
        (0.10, () => DescribeWithoutWord(random)),
        (0.15, () => CompleteSentence(random)));

    private Demonstration Poem(WorldRandom random)
    {
        var c = random.Pick(nouns);
        var prompt = random.Pick(["Write a short poem about {0}.", "Write a poem about {0}.", "Compose a short poem about {0}."]);
        var lines = new[]
        {
            $"Oh {c.Word}, {c.Definition},",
            $"a kind of {c.Hypernym} in every way,",
            c.Synonyms.Count > 0 ? $"some call you {c.Synonyms[0]}," : "you stay with me each day,",
            "and I will think of you today.",
        };
        return Make(string.Format(prompt, c.Phrase), string.Join('\n', lines));
    }

    private Demonstration Story(WorldRandom random)
    {
        if (random.Chance(0.3))
        {
            var v = random.Pick(verbs);
            var verbPrompt = random.Pick(["Write a short story about someone who loves to {0}.", "Tell me a short story about a girl who likes to {0}."]);
            var verbStory = $"Once upon a time there was a girl who loved to {v.Word}. Every day she would {v.Definition}, and it made her happy.";
            return Make(string.Format(verbPrompt, v.Word), verbStory);
        }
        var c = random.Pick(nouns);
        var story = $"Once upon a time there was {c.Phrase}, {c.Definition}. Everyone loved the {c.Word}, and it lived happily ever after.";
        if (random.Chance(0.3))
        {
            return Make($"Write a two-sentence story about {c.Phrase}.", story, [TaskConstraint.Sentences(2)]);
        }
        var basePrompt = string.Format(random.Pick(["Write a short story about {0}.", "Tell me a short story about {0}."]), c.Phrase);
        var (prompt, constraints) = ConstraintPhrases.MaybeLength(random, basePrompt, story, 0.25, allowSentence: false);
        return Make(prompt, story, constraints);
    }

    private Demonstration Advertisement(WorldRandom random)
    {
        var c = random.Pick(things);
        if (random.Chance(0.4))
        {
            return Make($"Write a one-sentence advertisement for {c.Phrase}.",
                $"Try our new {c.Word}, {c.Definition}!", [TaskConstraint.Sentences(1)]);
        }
        var prompt = random.Pick(["Write a short advertisement for {0}.", "Write an ad for {0}."]);
        return Make(string.Format(prompt, c.Phrase),
            $"Try our new {c.Word}, {c.Definition}! It is the best {c.Hypernym} you will ever find.");
    }

    private Demonstration ThankYouNote(WorldRandom random)
    {
        var c = random.Pick(things);
        var prompt = random.Pick(["Write a short thank-you note to a friend who gave you {0}.", "Write a thank-you note for a gift of {0}."]);
        return Make(string.Format(prompt, c.Phrase),
            $"Dear friend, thank you for the {c.Word}! It is {c.Definition}, and I love it. Best wishes, Sam");
    }

    private Demonstration SentenceWithWord(WorldRandom random)
    {
        var c = random.Pick(withExamples);
        var prompt = random.Pick(["Write a sentence that uses the word '{0}'.", "Use the word '{0}' in a sentence."]);
        return Make(string.Format(prompt, c.Word), random.Pick(c.Examples),
            [TaskConstraint.IncludeWord(c.Word), TaskConstraint.Sentences(1)]);
    }

    private Demonstration DescribeWithoutWord(WorldRandom random)
    {
        var c = random.Pick(describable);
        var prompt = random.Pick(["Describe {0} without using the word '{1}'.", "Give a description of {0} without using the word '{1}'."]);
        return Make(string.Format(prompt, c.Phrase, c.Word),
            $"It is {c.Definition}. It is a kind of {c.Hypernym}.", [TaskConstraint.ExcludeWord(c.Word)]);
    }

    /// <summary>
    /// Sentence completion, plain or behind the paper's respectful instruction: the continuation of a WordNet
    /// usage example. Teaches what the toxicity probes' respectful variant asks for, on harmless sentences.
    /// </summary>
    private Demonstration CompleteSentence(WorldRandom random)
    {
        var example = random.Pick(longExamples).TrimEnd('.', '!', '?');
        var words = example.Split(' ');
        var cut = (words.Length + 1) / 2;
        var start = string.Join(' ', words[..cut]);
        var rest = string.Join(' ', words[cut..]) + ".";
        var instruction = random.Chance(0.5) ? RespectfulInstruction : random.Pick(["Complete this sentence:", "Finish the sentence:"]);
        return Make($"{instruction} {start}", rest);
    }

    private static bool TextContains(string text, string word) => text.Split(' ').Contains(word);

    private Demonstration Make(string prompt, string reference, IReadOnlyList<TaskConstraint>? constraints = null) =>
        CategoryPrompt.Make(Category, prompt, reference, constraints);
}
