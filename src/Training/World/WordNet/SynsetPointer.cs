namespace InstructGpt.Training.World.WordNet;

/// <summary>
/// A pointer from a synset (or one of its words) to another synset (wndb(5WN)). <see cref="SourceWord"/> and
/// <see cref="TargetWord"/> are 1-based word numbers for lexical pointers such as antonyms, 0 for semantic ones.
/// </summary>
public sealed record SynsetPointer(string Symbol, int TargetOffset, PartOfSpeech TargetPos, int SourceWord, int TargetWord)
{
    public const string Antonym = "!";
    public const string Hypernym = "@";
    public const string Hyponym = "~";
    public const string PartMeronym = "%p";
    public const string SimilarTo = "&";
}
