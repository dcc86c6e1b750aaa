namespace InstructGpt.Training.World.WordNet;

/// <summary>A WordNet synset: a set of synonymous words, its gloss and its pointers.</summary>
public sealed record Synset
{
    public required int Offset { get; init; }
    public required PartOfSpeech Pos { get; init; }
    /// <summary>The ss_type letter: n, v, a, s (adjective satellite) or r.</summary>
    public required char Type { get; init; }
    /// <summary>The lexicographer file number (lexnames(5WN)), e.g. 5 = noun.animal.</summary>
    public required int LexFile { get; init; }
    public required IReadOnlyList<SynsetWord> Words { get; init; }
    public required IReadOnlyList<SynsetPointer> Pointers { get; init; }
    /// <summary>The gloss's definition: the text before its first quoted example.</summary>
    public required string Definition { get; init; }
    /// <summary>The gloss's quoted usage examples.</summary>
    public required IReadOnlyList<string> Examples { get; init; }
}
