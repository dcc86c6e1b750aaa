namespace InstructGpt.Training.World.WordNet;

internal static class PartOfSpeechFiles
{
    public static string FileSuffix(this PartOfSpeech pos) => pos switch
    {
        PartOfSpeech.Noun => "noun",
        PartOfSpeech.Verb => "verb",
        PartOfSpeech.Adjective => "adj",
        _ => "adv",
    };

    /// <summary>The pos letter used in pointers (wndb(5WN)); 's' (adjective satellite) lives in data.adj.</summary>
    public static PartOfSpeech FromLetter(char letter) => letter switch
    {
        'n' => PartOfSpeech.Noun,
        'v' => PartOfSpeech.Verb,
        'a' or 's' => PartOfSpeech.Adjective,
        'r' => PartOfSpeech.Adverb,
        _ => throw new FormatException($"unknown WordNet part of speech '{letter}'"),
    };

    /// <summary>The ss_type number used in sense keys (senseidx(5WN)): 1 noun, 2 verb, 3 adjective, 4 adverb, 5 satellite.</summary>
    public static int SenseKeyType(char synsetType) => synsetType switch
    {
        'n' => 1,
        'v' => 2,
        'a' => 3,
        'r' => 4,
        's' => 5,
        _ => throw new FormatException($"unknown WordNet synset type '{synsetType}'"),
    };
}
