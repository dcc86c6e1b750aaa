using InstructGpt.Training.World.WordNet;

namespace InstructGpt.Training.World;

/// <summary>
/// A word sense the world writes about, with the WordNet facts its prompts and answers use: a short
/// definition, usage examples that contain the word, synonyms, the hypernym, hyponyms, parts and an antonym.
/// </summary>
public sealed record Concept
{
    public required string Word { get; init; }
    public required PartOfSpeech Pos { get; init; }
    public required int SynsetOffset { get; init; }
    public required int LexFile { get; init; }
    /// <summary>The gloss's first definition, without parentheses.</summary>
    public required string Definition { get; init; }
    /// <summary>Usage examples from the gloss that contain <see cref="Word"/>, as sentences.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public string? Hypernym { get; init; }
    /// <summary>More specific kinds, most familiar first.</summary>
    public IReadOnlyList<string> Hyponyms { get; init; } = [];
    public IReadOnlyList<string> Parts { get; init; } = [];
    public string? Antonym { get; init; }
    /// <summary>Count nouns take an article ("a dog"); mass and abstract nouns do not ("water").</summary>
    public bool IsCountable { get; init; }
    /// <summary>The broad class of a noun used by classification prompts ("animal", "plant"), if it has one.</summary>
    public string? ClassLabel { get; init; }

    /// <summary>"a dog", "an apple", "water"; verbs "to run"; adjectives the bare word.</summary>
    public string Phrase => Pos switch
    {
        PartOfSpeech.Noun => IsCountable ? EnglishPhrasing.WithArticle(Word) : Word,
        PartOfSpeech.Verb => $"to {Word}",
        _ => Word,
    };

    /// <summary>The definitional sentence: "A dog is ...", "To run is to ...", "Big means ...".</summary>
    public string DefinitionSentence => Pos switch
    {
        PartOfSpeech.Noun => EnglishPhrasing.Sentence($"{Phrase} is {Definition}"),
        PartOfSpeech.Verb => EnglishPhrasing.Sentence($"to {Word} is to {Definition}"),
        _ => EnglishPhrasing.Sentence($"the word '{Word}' means {Definition}"),
    };
}
