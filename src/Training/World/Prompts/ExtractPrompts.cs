using InstructGpt.Tasks;
using InstructGpt.Training.Data;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World.Prompts;

/// <summary>Extract (Table 1: 1.9%): pull the kinds, parts, other names or example out of a source paragraph, verbatim.</summary>
internal sealed class ExtractPrompts(ConceptInventory concepts) : ICategoryPrompts
{
    private readonly IReadOnlyList<Concept> withKinds = concepts.All.Where(c => c.Pos != PartOfSpeech.Adjective && c.Hyponyms.Count >= 2).ToArray();
    private readonly IReadOnlyList<Concept> withParts = concepts.Nouns.Where(c => c.Parts.Count >= 2).ToArray();
    private readonly IReadOnlyList<Concept> withNames = concepts.Nouns.Where(c => c.Synonyms.Count >= 2).ToArray();
    private readonly IReadOnlyList<Concept> withExample = concepts.All.Where(c => c.Pos != PartOfSpeech.Adjective && c.Examples.Count > 0).ToArray();

    public TaskCategory Category => TaskCategory.Extract;

    public Demonstration Create(WorldRandom random)
    {
        var ask = new[] { SourceFacts.Kinds, SourceFacts.Parts, SourceFacts.OtherNames, SourceFacts.Example }[random.PickIndex([0.45, 0.1, 0.25, 0.2])];
        var c = random.Pick(ask switch
        {
            SourceFacts.Kinds => withKinds,
            SourceFacts.Parts => withParts,
            SourceFacts.OtherNames => withNames,
            _ => withExample,
        });
        var source = SourcePassage.Write(c, ask, random);
        var (instruction, answer) = ask switch
        {
            SourceFacts.Kinds => (random.Pick(["Extract the kinds of {0} mentioned in this text.", "List the kinds of {0} named in the text below."]), string.Join(", ", source.Kinds)),
            SourceFacts.Parts => ("Extract the parts of {0} mentioned in this text.", string.Join(", ", source.Parts)),
            SourceFacts.OtherNames => ("Extract the other names for {0} from this text.", string.Join(", ", source.OtherNames)),
            _ => ("Extract the example sentence from this text about {0}.", source.Example!),
        };
        var subject = ask == SourceFacts.Parts ? c.Phrase : c.Word;
        var prompt = $"{string.Format(instruction, subject)}\n\nText: {source.Text}";
        return CategoryPrompt.Make(Category, prompt, answer, source: source.Text);
    }
}
