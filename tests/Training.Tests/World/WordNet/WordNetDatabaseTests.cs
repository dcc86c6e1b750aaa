using InstructGpt.Training.World;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.Tests.World.WordNet;

public class WordNetDatabaseTests
{
    private static readonly WordNetDatabase WordNet = WordNetDatabase.Load(WordNetDatabase.DebianDirectory);

    [Fact]
    public void ReadsASynsetAtItsByteOffset()
    {
        var dog = WordNet.Find(PartOfSpeech.Noun, 2084071)!;
        Assert.Equal(["dog", "domestic dog", "Canis familiaris"], dog.Words.Select(w => w.Text));
        Assert.Equal(LexicographerFile.NounAnimal, dog.LexFile);
        Assert.StartsWith("a member of the genus Canis", dog.Definition);
        Assert.Equal(["the dog barked all night"], dog.Examples);
        Assert.Contains(dog.Pointers, p => p.Symbol == SynsetPointer.Hypernym && p.TargetOffset == 2083346);
    }

    [Fact]
    public void IndexListsSensesMostFrequentFirst()
    {
        Assert.Equal(2084071, WordNet.SenseOffsets(PartOfSpeech.Noun, "dog")[0]);
        Assert.Equal(7, WordNet.SenseOffsets(PartOfSpeech.Noun, "dog").Count);
        Assert.Empty(WordNet.SenseOffsets(PartOfSpeech.Noun, "qwertyuiop"));
        Assert.True(WordNet.HasLemma(PartOfSpeech.Verb, "run"));
    }

    [Fact]
    public void TagCountsComeFromCntlist()
    {
        var dog = WordNet.Find(PartOfSpeech.Noun, 2084071)!;
        Assert.True(WordNet.TagCount(dog, dog.Words[0]) > 0);
    }

    [Fact]
    public void AdjectiveMarkersAreStrippedAndAntonymsAreLexical()
    {
        var good = WordNet.Find(PartOfSpeech.Adjective, 1123148)!;
        Assert.Equal("good", good.Words[0].Text);
        var antonym = good.Pointers.Single(p => p.Symbol == SynsetPointer.Antonym);
        Assert.Equal((1, 1), (antonym.SourceWord, antonym.TargetWord));
    }

    [Fact]
    public void AnOffsetThatIsNotASynsetStartIsNotFound() =>
        Assert.Null(WordNet.Find(PartOfSpeech.Noun, 2084072));

    [Fact]
    public void AMissingDatabaseSaysHowToInstallIt()
    {
        using var empty = new TempDirectory();
        var error = Assert.Throws<WordNetMissingException>(() => WordNetDatabase.Load(empty.Path));
        Assert.Contains("apt-get install wordnet-base", error.Message);
        Assert.Equal(WordNetDatabase.RequiredFiles, error.MissingFiles);
    }
}
