namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// How an output's content words relate to what the labeler knows: the reference demonstration, the prompt and
/// (closed-domain) the source. Words are compared as crude stems, stop words left out.
/// </summary>
internal sealed record ContentOverlap
{
    /// <summary>Reference words the prompt does not contain (the answer's own facts) count this much more than the others.</summary>
    public const double NovelWordWeight = 2.0;

    /// <summary>Weighted share of the reference's content words the output contains; null without a reference.</summary>
    public double? Recall { get; init; }

    /// <summary>Share of the output's distinct content words found in the reference, prompt or source.</summary>
    public double Support { get; init; }

    /// <summary>Reference words absent from the prompt (what the answer has to add), and whether the output has any.</summary>
    public int NovelWords { get; init; }
    public int NovelWordsFound { get; init; }

    /// <summary>Output content words (as written) the source, prompt and reference do not contain (closed-domain hallucination).</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    public static ContentOverlap Of(string output, string prompt, string? reference, string? source)
    {
        var outputStems = TextFeatures.ContentStems(output).ToHashSet(StringComparer.Ordinal);
        var promptStems = TextFeatures.ContentStems(prompt).ToHashSet(StringComparer.Ordinal);
        var sourceStems = source is null ? [] : TextFeatures.ContentStems(source).ToHashSet(StringComparer.Ordinal);
        var referenceStems = reference is null ? [] : TextFeatures.ContentStems(reference).ToHashSet(StringComparer.Ordinal);
        if (reference is not null && referenceStems.Count == 0)
        {
            // A reference of function words only ("any such thing."): compare every word instead.
            outputStems = TextFeatures.Words(output).Select(TextFeatures.Stem).ToHashSet(StringComparer.Ordinal);
            referenceStems = TextFeatures.Words(reference).Select(TextFeatures.Stem).ToHashSet(StringComparer.Ordinal);
            promptStems = TextFeatures.Words(prompt).Select(TextFeatures.Stem).ToHashSet(StringComparer.Ordinal);
        }

        double? recall = null;
        var novel = referenceStems.Where(s => !promptStems.Contains(s)).ToArray();
        if (referenceStems.Count > 0)
        {
            var weight = novel.Length * NovelWordWeight + (referenceStems.Count - novel.Length);
            var found = novel.Count(outputStems.Contains) * NovelWordWeight +
                        referenceStems.Count(s => promptStems.Contains(s) && outputStems.Contains(s));
            recall = found / weight;
        }

        var known = new HashSet<string>(promptStems, StringComparer.Ordinal);
        known.UnionWith(sourceStems);
        known.UnionWith(referenceStems);
        var unsupported = TextFeatures.Words(output).Where(w => !TextFeatures.IsStopWord(w))
            .Where(w => outputStems.Contains(TextFeatures.Stem(w)) && !known.Contains(TextFeatures.Stem(w)))
            .DistinctBy(TextFeatures.Stem).ToArray();
        return new ContentOverlap
        {
            Recall = recall,
            Support = outputStems.Count == 0 ? 0 : 1 - outputStems.Count(s => !known.Contains(s)) / (double)outputStems.Count,
            NovelWords = novel.Length,
            NovelWordsFound = novel.Count(outputStems.Contains),
            Unsupported = unsupported,
        };
    }
}
