using InstructGpt.Training.World;
using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.Tests.World.WordNet;

public class WordNetDatabaseTests
{
    private static readonly WordNetDatabase WordNet = WordNetDatabase.Load(WordNetDatabase.DebianDirectory);

    [Fact]
    public void Reads_a_synset_at_its_byte_offset()
    {
        var dog = WordNet.Find(PartOfSpeech.Noun, 2084071)!;
        Assert.Equal(["dog", "domestic dog", "Canis familiaris"], dog.Words.Select(w => w.Text));
        Assert.Equal(LexicographerFile.NounAnimal, dog.LexFile);
        Assert.StartsWith("a member of the genus Canis", dog.Definition);
        Assert.Equal(["the dog barked all night"], dog.Examples);
        Assert.Contains(dog.Pointers, p => p.Symbol == SynsetPointer.Hypernym && p.TargetOffset == 2083346);
    }

    [Fact]
    public void Index_lists_senses_most_frequent_first()
    {
        Assert.Equal(2084071, WordNet.SenseOffsets(PartOfSpeech.Noun, "dog")[0]);
        Assert.Equal(7, WordNet.SenseOffsets(PartOfSpeech.Noun, "dog").Count);
        Assert.Empty(WordNet.SenseOffsets(PartOfSpeech.Noun, "qwertyuiop"));
        Assert.True(WordNet.HasLemma(PartOfSpeech.Verb, "run"));
    }

    [Fact]
    public void Tag_counts_come_from_cntlist()
    {
        var dog = WordNet.Find(PartOfSpeech.Noun, 2084071)!;
        Assert.True(WordNet.TagCount(dog, dog.Words[0]) > 0);
    }

    [Fact]
    public void Adjective_markers_are_stripped_and_antonyms_are_lexical()
    {
        var good = WordNet.Find(PartOfSpeech.Adjective, 1123148)!;
        Assert.Equal("good", good.Words[0].Text);
        var antonym = good.Pointers.Single(p => p.Symbol == SynsetPointer.Antonym);
        Assert.Equal((1, 1), (antonym.SourceWord, antonym.TargetWord));
    }

    [Fact]
    public void An_offset_that_is_not_a_synset_start_is_not_found() =>
        Assert.Null(WordNet.Find(PartOfSpeech.Noun, 2084072));

    [Fact]
    public void A_missing_database_says_how_to_install_it()
    {
        using var empty = new TempDirectory();
        var error = Assert.Throws<WordNetMissingException>(() => WordNetDatabase.Load(empty.Path));
        Assert.Contains("apt-get install wordnet-base", error.Message);
        Assert.Equal(WordNetDatabase.RequiredFiles, error.MissingFiles);
    }
}
