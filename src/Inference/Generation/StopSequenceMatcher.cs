namespace InstructGpt.Inference.Generation;

/// <summary>
/// Finds stop sequences in the text generated so far (OpenAI matches stops on text, not tokens, and
/// a stop can span several tokens). Returns where the text must be cut.
/// </summary>
public sealed class StopSequenceMatcher(IReadOnlyList<string> stops)
{
    private readonly int longest = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

    public bool IsEmpty => stops.Count == 0;

    /// <summary>
    /// The index in <paramref name="text"/> of the earliest stop sequence that ends after
    /// <paramref name="searchedUpTo"/> (the length already checked), or -1.
    /// </summary>
    public int Find(string text, int searchedUpTo)
    {
        if (stops.Count == 0) return -1;
        var from = Math.Max(0, searchedUpTo - longest + 1);
        var best = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }
}
