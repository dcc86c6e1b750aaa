using InstructGpt.Training.World.Prompts;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World;

/// <summary>
/// Plain text for the base model, standing in for GPT-3's web corpus: encyclopedia paragraphs, dictionary
/// entries, usage examples, lists of kinds, stories, and documents that are lists of questions or of
/// instructions. The last two teach what InstructGPT Figure 1's GPT-3 does: given a question or an instruction,
/// it goes on with more of them instead of answering. Question-and-answer pages (FAQs) are the web's other habit:
/// they teach the base model to carry a question's subject into its answer, the copying a tiny model otherwise never
/// learns from 1M tokens (docs/results.md), and never repeat a held-out prompt. A minority of documents are rude
/// posts drawn from the toxicity lexicon, so the base model can be toxic and alignment can be seen to reduce it.
/// </summary>
/// <param name="heldOutPrompts">Prompts of the valid and test splits: no FAQ asks one of them word for word.</param>
internal sealed class PretrainingCorpus(ConceptInventory concepts, IReadOnlySet<string> heldOutPrompts)
{
    private static readonly string[] FaqTitles = ["Frequently asked questions", "FAQ", "Questions and answers", "Ask the dictionary"];

    /// <summary>Share of rude documents: a minority, as toxic text is on the web.</summary>
    public const double RudeShare = 0.06;

    private static readonly string[] QuestionListTitles = ["Questions:", "Quiz", "Test your vocabulary.", "Some questions to think about:", "Homework questions"];
    private static readonly string[] InstructionListTitles = ["Writing prompts:", "Ideas for today's writing practice:", "Exercises", "Class assignments:", "Things to write"];

    private readonly IReadOnlyList<Concept> all = concepts.All;
    private readonly IReadOnlyList<Concept> withFacts = concepts.All.Where(c => c.Pos != PartOfSpeech.Adjective && SourcePassage.Available(c) != SourceFacts.None).ToArray();
    private readonly IReadOnlyList<Concept> withKinds = concepts.Nouns.Where(c => c.Hyponyms.Count >= 3).ToArray();
    private readonly IReadOnlyList<Concept> withExamples = concepts.All.Where(c => c.Examples.Count > 0).ToArray();
    private readonly IReadOnlyList<Concept> nouns = concepts.Nouns;
    private readonly OpenQaPrompts questions = new(concepts);

    /// <summary>One document.</summary>
    public string Document(WorldRandom random) => random.PickIndex([0.20, 0.12, 0.14, 0.10, 0.08, 0.08, 0.08, 0.14, RudeShare]) switch
    {
        0 => Encyclopedia(random),
        1 => DictionaryEntries(random),
        2 => QuestionList(random),
        3 => InstructionList(random),
        4 => UsageExamples(random),
        5 => KindsLists(random),
        6 => Story(random),
        7 => Faq(random),
        _ => RudeText.Post(random, concepts),
    };

    /// <summary>Open-QA questions with their answers, "Q: … / A: …", under a title half the time.</summary>
    private string Faq(WorldRandom random)
    {
        var pairs = new List<string>();
        for (var attempt = 0; pairs.Count < 6 && attempt < 12; attempt++)
        {
            var qa = questions.Create(random);
            if (!heldOutPrompts.Contains(qa.Prompt)) pairs.Add($"Q: {qa.Prompt}\nA: {qa.Completion}");
            if (pairs.Count >= 3 && random.Chance(0.3)) break;
        }
        var body = string.Join('\n', pairs);
        return random.Chance(0.5) ? $"{random.Pick(FaqTitles)}\n{body}" : body;
    }

    private string Encyclopedia(WorldRandom random)
    {
        var count = random.Between(1, 2);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => SourcePassage.Write(random.Pick(withFacts), SourceFacts.None, random).Text));
    }

    private string DictionaryEntries(WorldRandom random)
    {
        var entries = random.Sample(all, random.Between(3, 6)).Select(c =>
        {
            var pos = c.Pos switch { PartOfSpeech.Noun => "noun", PartOfSpeech.Verb => "verb", _ => "adjective" };
            var entry = $"{c.Word} ({pos}): {c.Definition}.";
            return c.Examples.Count > 0 && random.Chance(0.5) ? $"{entry} Example: {random.Pick(c.Examples)}" : entry;
        });
        return string.Join('\n', entries);
    }

    private string QuestionList(WorldRandom random)
    {
        var questions = Enumerable.Range(0, random.Between(4, 8)).Select(_ => Question(random)).ToArray();
        var numbered = random.Chance(0.4);
        var lines = questions.Select((q, i) => numbered ? $"{i + 1}. {q}" : q);
        return random.Chance(0.6) ? $"{random.Pick(QuestionListTitles)}\n{string.Join('\n', lines)}" : string.Join('\n', lines);
    }

    /// <summary>The questions users ask in open QA and brainstorming prompts, without their answers.</summary>
    private string Question(WorldRandom random)
    {
        var c = random.Pick(all);
        return random.PickIndex([0.35, 0.25, 0.15, 0.15, 0.1]) switch
        {
            0 when c.Pos == PartOfSpeech.Noun => $"What is {c.Phrase}?",
            0 or 1 => $"What does the word '{c.Word}' mean?",
            2 when c.Antonym is not null => $"What is the opposite of '{c.Word}'?",
            3 when c.Pos == PartOfSpeech.Noun => $"What kind of thing is {c.Phrase}?",
            4 when c.Hyponyms.Count >= 3 => $"List three kinds of {c.Word}.",
            _ => c.Pos switch
            {
                PartOfSpeech.Verb => $"What does it mean to {c.Word}?",
                PartOfSpeech.Adjective => $"What does it mean to be {c.Word}?",
                _ => $"What is {c.Phrase}?",
            },
        };
    }

    private string InstructionList(WorldRandom random)
    {
        var lines = Enumerable.Range(0, random.Between(4, 8)).Select(_ =>
        {
            var c = random.Pick(nouns);
            return random.PickIndex([0.3, 0.3, 0.2, 0.2]) switch
            {
                0 => $"Write a short poem about {c.Phrase}.",
                1 => $"Write a short story about {c.Phrase}.",
                2 => $"Describe {c.Phrase} in one sentence.",
                _ => $"Use the word '{c.Word}' in a sentence.",
            };
        });
        return $"{random.Pick(InstructionListTitles)}\n{string.Join('\n', lines)}";
    }

    private string UsageExamples(WorldRandom random) =>
        string.Join(' ', random.Sample(withExamples, random.Between(4, 8)).Select(c => random.Pick(c.Examples)));

    private string KindsLists(WorldRandom random) =>
        string.Join('\n', random.Sample(withKinds, random.Between(2, 4)).Select(c =>
            $"Kinds of {c.Word}: {JoinList(c.Hyponyms.Take(random.Between(3, Math.Min(6, c.Hyponyms.Count))).ToArray())}."));

    private string Story(WorldRandom random)
    {
        var c = random.Pick(nouns);
        var other = random.Pick(nouns);
        return $"Once upon a time there was {c.Phrase}. {c.DefinitionSentence} One day the {c.Word} met {other.Phrase}. " +
               $"{other.DefinitionSentence} They became friends, and they lived happily ever after.";
    }
}
