using InstructGpt.Tasks;
using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>
/// Summarization (Table 1: 4.2%): a one-sentence summary of a source paragraph, stating only facts the
/// paragraph states.
/// </summary>
internal sealed class SummarizationPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<Concept> rich = concepts.All
        .Where(c => c.Pos != PartOfSpeech.Adjective && SourcePassage.Available(c) != SourceFacts.None).ToArray();

    public TaskCategory Category => TaskCategory.Summarization;

    public Demonstration Create(WorldRandom random)
    {
        var c = random.Pick(rich);
        var source = SourcePassage.Write(c, SourceFacts.None, random);
        var summary = Summary(source);
        var (instruction, constraints) = random.PickIndex([0.35, 0.25, 0.2, 0.2]) switch
        {
            0 => ("Summarize the following text in one sentence.", new[] { TaskConstraint.Sentences(1) }),
            1 => ("Give a one-sentence summary of this text.", [TaskConstraint.Sentences(1)]),
            2 => ("Summarize this for a second-grade student.", []),
            _ => Limited(summary),
        };
        return CategoryPrompt.Make(Category, $"{instruction}\n\n{source.Text}", summary, constraints, source.Text);
    }

    /// <summary>The definition, plus the first other fact the source states, in one sentence.</summary>
    public static string Summary(SourcePassage source)
    {
        var c = source.Concept;
        var head = c.Pos == PartOfSpeech.Verb ? $"to {c.Word} is to {c.Definition}" : $"{c.Phrase} is {c.Definition}";
        if (source.Kinds.Count >= 2) return Sentence($"{head}, and kinds include {JoinList(source.Kinds.Take(2).ToArray())}");
        if (source.OtherNames.Count >= 1) return Sentence($"{head}, also called {source.OtherNames[0]}");
        if (source.Parts.Count >= 1) return Sentence($"{head}, with parts such as {JoinList(source.Parts.Take(2).ToArray())}");
        return Sentence(head);
    }

    private static (string, TaskConstraint[]) Limited(string summary)
    {
        var limit = (TextFeatures.WordCount(summary) + 3 + 4) / 5 * 5;
        return ($"Summarize the text below in at most {limit} words.", [TaskConstraint.MaxWords(limit)]);
    }
}
