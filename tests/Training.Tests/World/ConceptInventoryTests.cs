using InstructGpt.Evaluation.Labeling;
using InstructGpt.Training.World;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.Tests.World;

public class ConceptInventoryTests
{
    private static readonly ConceptInventory Concepts = ConceptInventory.Select(WordNetDatabase.Load(WordNetDatabase.DebianDirectory));

    [Fact]
    public void Thousands_of_familiar_concepts_with_short_definitions()
    {
        Assert.InRange(Concepts.Nouns.Count, 2000, 6000);
        Assert.InRange(Concepts.Verbs.Count, 300, 2000);
        Assert.InRange(Concepts.Adjectives.Count, 300, 2000);
        Assert.All(Concepts.All, c => Assert.InRange(c.Definition.Split(' ').Length, ConceptInventory.MinDefinitionWords, ConceptInventory.MaxDefinitionWords + 1));
    }

    [Fact]
    public void No_concept_trips_the_labelers_safety_or_toxicity_lists()
    {
        foreach (var c in Concepts.All)
        {
            var text = string.Join(' ', new[] { c.Word, c.Definition, c.Hypernym ?? "", c.Antonym ?? "" }
                .Concat(c.Examples).Concat(c.Synonyms).Concat(c.Hyponyms).Concat(c.Parts));
            Assert.False(SafetyLexicon.Flags(text), $"{c.Word}: {text}");
        }
    }

    [Fact]
    public void A_definition_never_uses_the_word_it_defines()
    {
        Assert.All(Concepts.All, c => Assert.DoesNotContain(
            TextFeatures.Stem(c.Word), TextFeatures.Words(c.Definition).Select(TextFeatures.Stem)));
    }

    [Fact]
    public void Dog_has_its_WordNet_facts()
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
    public void Adjectives_carry_their_antonyms() =>
        Assert.Equal("cold", Concepts.Adjectives.Single(c => c.Word == "hot").Antonym);

    [Fact]
    public void Selection_is_stable() =>
        Assert.Same(Concepts, ConceptInventory.Select(WordNetDatabase.Load(WordNetDatabase.DebianDirectory)));
}
