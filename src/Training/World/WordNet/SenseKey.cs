namespace InstructGpt.Training.World.WordNet;

/// <summary>
/// The part of a WordNet sense key that names a word sense: lemma%ss_type:lex_filenum:lex_id (senseidx(5WN)).
/// The head word of adjective satellites is left out; lemma, type, file and lex_id already identify the sense.
/// </summary>
internal readonly record struct SenseKey(string Lemma, int SynsetType, int LexFile, int LexId)
{
    /// <summary>Parses "dog%1:05:00::"; returns false for a line that is not a sense key.</summary>
    public static bool TryParse(string text, out SenseKey key)
    {
        key = default;
        var percent = text.IndexOf('%');
        if (percent <= 0) return false;
        var parts = text[(percent + 1)..].Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[0], out var type) || !int.TryParse(parts[1], out var file) ||
            !int.TryParse(parts[2], out var lexId))
        {
            return false;
        }
        key = new SenseKey(text[..percent], type, file, lexId);
        return true;
    }
}
