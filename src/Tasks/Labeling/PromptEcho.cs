namespace InstructGpt.Tasks.Labeling;

/// <summary>How much of an output is not an answer: words copied from the prompt, or in prompt-like text.</summary>
internal sealed record PromptEcho(int Words, int Copied, int Continued, string ContinuationKind)
{
    /// <summary>Prompt text is "copied" in runs of this many words that the reference does not also contain.</summary>
    public const int CopyRun = 4;

    /// <summary>The share of non-answer words at which the output fails the task; below it, a penalty.</summary>
    public const double FailShare = 0.4;
    public const double PenaltyShare = 0.15;

    /// <summary>Imperatives that open instructions; an output sentence opening with one is another instruction.</summary>
    private static readonly HashSet<string> InstructionVerbs = new(StringComparer.Ordinal)
    {
        "write", "list", "name", "describe", "explain", "summarize", "summarise", "classify", "rewrite", "give",
        "put", "extract", "answer", "compose", "brainstorm", "tell", "fix", "correct", "replace", "sort", "count",
        "translate", "complete", "finish", "make", "create", "generate", "suggest", "use",
    };

    /// <summary>Labels that structure prompts; an output line opening with one writes another prompt.</summary>
    private static readonly string[] PromptLabels = ["human:", "user:", "text:", "question:", "q:"];

    public int NonAnswer { get; init; }

    public double NonAnswerShare => Words == 0 ? 0 : NonAnswer / (double)Words;

    /// <summary>
    /// The two ways a model never taught to follow instructions fails (InstructGPT Figure 1, §4.3): it goes on
    /// with the prompt (more questions, more instructions, the user's next chat turn, another text to work on)
    /// instead of answering, or it repeats the prompt back. Both are judged against the reference, so an answer
    /// that rightly quotes the prompt (an extraction, a rewrite, a restated question) is neither.
    /// </summary>
    public static PromptEcho Of(string output, string prompt, string? reference)
    {
        var referenceHasQuestions = reference?.Contains('?') == true;
        var referenceOpeners = reference is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : TextFeatures.Lines(reference).SelectMany(TextFeatures.Sentences).Select(FirstWord).ToHashSet(StringComparer.Ordinal);
        var promptOpening = string.Join(' ', TextFeatures.Words(prompt).Take(2));

        var words = new List<string>();
        var continued = new List<bool>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var inUserTurn = false;
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            var lower = line.ToLowerInvariant();
            if (lower.StartsWith("human:", StringComparison.Ordinal) || lower.StartsWith("user:", StringComparison.Ordinal)) inUserTurn = true;
            else if (lower.StartsWith("ai:", StringComparison.Ordinal) || lower.StartsWith("assistant:", StringComparison.Ordinal)) inUserTurn = false;
            var promptLike = inUserTurn || PromptLabels.Any(l => lower.StartsWith(l, StringComparison.Ordinal)) ||
                             (promptOpening.Length > 0 && string.Join(' ', TextFeatures.Words(line).Take(2)) == promptOpening &&
                              !referenceOpeners.Contains(FirstWord(line)));
            foreach (var sentence in TextFeatures.Sentences(line))
            {
                var kind = inUserTurn ? "the user's next turn"
                    : sentence.EndsWith('?') && !referenceHasQuestions ? "more questions"
                    : InstructionVerbs.Contains(FirstWord(sentence)) && !referenceOpeners.Contains(FirstWord(sentence)) ? "more instructions"
                    : promptLike ? "another prompt"
                    : null;
                var sentenceWords = TextFeatures.Words(sentence);
                words.AddRange(sentenceWords);
                continued.AddRange(Enumerable.Repeat(kind is not null, sentenceWords.Length));
                if (kind is not null) kinds[kind] = kinds.GetValueOrDefault(kind) + sentenceWords.Length;
            }
        }

        var copied = CopiedPositions(words, TextFeatures.Words(prompt), reference is null ? [] : TextFeatures.Words(reference));
        var nonAnswer = Enumerable.Range(0, words.Count).Count(i => copied[i] || continued[i]);
        return new PromptEcho(words.Count, copied.Count(c => c), continued.Count(c => c),
            kinds.Count == 0 ? "" : kinds.MaxBy(k => k.Value).Key)
        {
            NonAnswer = nonAnswer,
        };
    }

    /// <summary>Why the output is not an answer, in the form's words.</summary>
    public string Reason => Continued >= Copied && ContinuationKind.Length > 0
        ? $"goes on with {ContinuationKind} instead of answering"
        : "repeats the prompt instead of answering";

    /// <summary>Output words inside a run of <see cref="CopyRun"/> words found in the prompt but not in the reference.</summary>
    private static bool[] CopiedPositions(IReadOnlyList<string> output, IReadOnlyList<string> prompt, IReadOnlyList<string> reference)
    {
        var covered = new bool[output.Count];
        var n = Math.Min(CopyRun, prompt.Count);
        if (n == 0 || output.Count < n) return covered;
        var promptGrams = Grams(prompt, n);
        var referenceGrams = Grams(reference, n);
        for (var i = 0; i + n <= output.Count; i++)
        {
            var gram = string.Join(' ', output.Skip(i).Take(n));
            if (promptGrams.Contains(gram) && !referenceGrams.Contains(gram))
            {
                for (var j = i; j < i + n; j++) covered[j] = true;
            }
        }
        return covered;
    }

    private static HashSet<string> Grams(IReadOnlyList<string> words, int n)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Count; i++) grams.Add(string.Join(' ', words.Skip(i).Take(n)));
        return grams;
    }

    private static string FirstWord(string sentence)
    {
        var words = TextFeatures.Words(TextFeatures.WithoutListMarkers(sentence));
        return words.Length > 0 ? words[0] : "";
    }
}
