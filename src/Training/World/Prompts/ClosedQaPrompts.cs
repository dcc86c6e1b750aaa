using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;
using static InstructGpt.Training.World.EnglishPhrasing;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Closed QA (Table 1: 2.6%): a question answered from a source paragraph, with only the paragraph's facts.</summary>
internal sealed class ClosedQaPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<Concept> nouns = concepts.Nouns.Where(c => SourcePassage.Available(c) != SourceFacts.None).ToArray();

    public TaskCategory Category => TaskCategory.ClosedQa;

    public Demonstration Create(WorldRandom random)
    {
        var c = random.Pick(nouns);
        var available = SourcePassage.Available(c);
        var asks = new[] { SourceFacts.None, SourceFacts.Hypernym, SourceFacts.OtherNames, SourceFacts.Kinds }
            .Where(f => f == SourceFacts.None || available.HasFlag(f)).ToArray();
        var ask = random.Pick(asks);
        var source = SourcePassage.Write(c, ask, random);
        var (question, answer) = ask switch
        {
            SourceFacts.Hypernym => ($"What kind of thing is {c.Phrase}?", Sentence($"according to the text, {c.Phrase} is a kind of {c.Hypernym}")),
            SourceFacts.OtherNames => ($"What is another name for {c.Phrase}?", Sentence($"according to the text, {c.Phrase} is also called {source.OtherNames[0]}")),
            SourceFacts.Kinds => ($"Which kinds of {c.Word} does the text mention?", Sentence($"the text mentions {JoinList(source.Kinds)}")),
            _ => ($"What is {c.Phrase}?", Sentence($"according to the text, {c.Phrase} is {c.Definition}")),
        };
        var prompt = random.Chance(0.6)
            ? $"Answer the question using only the text below.\n\nText: {source.Text}\n\nQuestion: {question}"
            : $"{source.Text}\n\nBased on the text above, answer this question: {question}";
        return CategoryPrompt.Make(Category, prompt, answer, source: source.Text);
    }
}
