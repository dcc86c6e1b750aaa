namespace InstructGpt.Training.World.WordNet;

/// <summary>WordNet's syntactic categories; each has its own index.* and data.* files (wndb(5WN)).</summary>
public enum PartOfSpeech
{
    Noun,
    Verb,
    Adjective,
    Adverb,
}
