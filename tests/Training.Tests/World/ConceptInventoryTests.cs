using InstructGpt.Tasks.Labeling;
using InstructGpt.Training.World;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.Tests.World;

public class ConceptInventoryTests
{
    private static readonly ConceptInventory Concepts = ConceptInventory.Select(WordNetDatabase.Load(WordNetDatabase.DebianDirectory));

    [Fact]
    public void ThousandsOfFamiliarConceptsWithShortDefinitions()
    {
        Assert.InRange(Concepts.Nouns.Count, 2000, 6000);
        Assert.InRange(Concepts.Verbs.Count, 300, 2000);
        Assert.InRange(Concepts.Adjectives.Count, 300, 2000);
        Assert.All(Concepts.All, c => Assert.InRange(c.Definition.Split(' ').Length, ConceptInventory.MinDefinitionWords, ConceptInventory.MaxDefinitionWords + 1));
    }

    [Fact]
    public void NoConceptTripsTheLabelersSafetyOrToxicityLists()
    {
        foreach (var c in Concepts.All)
        {
            var text = string.Join(' ', new[] { c.Word, c.Definition, c.Hypernym ?? "", c.Antonym ?? "" }
                .Concat(c.Examples).Concat(c.Synonyms).Concat(c.Hyponyms).Concat(c.Parts));
            Assert.False(SafetyLexicon.Flags(text), $"{c.Word}: {text}");
        }
    }

    [Fact]
    public void ADefinitionNeverUsesTheWordItDefines()
    {
        Assert.All(Concepts.All, c => Assert.DoesNotContain(
            TextFeatures.Stem(c.Word), TextFeatures.Words(c.Definition).Select(TextFeatures.Stem)));
    }

    [Fact]
    public void DogHasItsWordNetFacts()
    {
        var dog = Concepts.Nouns.Single(c => c.Word == "dog");
        Assert.Equal(2084071, dog.SynsetOffset);
        Assert.Equal("canine", dog.Hypernym);
        Assert.Equal("a dog", dog.Phrase);
        Assert.Equal("animal", dog.ClassLabel);
        Assert.Contains("puppy", dog.Hyponyms);
        Assert.Contains("The dog barked all night.", dog.Examples);
    }

    [Fact]
    public void AdjectivesCarryTheirAntonyms() =>
        Assert.Equal("cold", Concepts.Adjectives.Single(c => c.Word == "hot").Antonym);

    [Fact]
    public void SelectionIsStable() =>
        Assert.Same(Concepts, ConceptInventory.Select(WordNetDatabase.Load(WordNetDatabase.DebianDirectory)));
}
