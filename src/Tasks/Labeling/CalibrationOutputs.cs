
namespace InstructGpt.Tasks.Labeling;

/// <summary>
/// The outputs labeler agreement is calibrated on: for a prompt with a reference, K = 6 outputs of the kinds
/// that models of varying quality write for it. The paper's comparisons were between outputs of several models
/// for one prompt, most of them plausible and many close in quality; so are these: the reference; the reference
/// missing one fact; the reference missing another; the reference cut short; the reference padded with an
/// unrelated sentence; the right subject with another prompt's facts. Built from the task and one other
/// reference only.
/// </summary>
public static class CalibrationOutputs
{
    public const int Count = 6;

    /// <summary>Six outputs for <paramref name="task"/>; <paramref name="otherReference"/> supplies wrong facts.</summary>
    public static IReadOnlyList<string> For(PromptTask task, string otherReference)
    {
        var reference = task.Reference ?? throw new ArgumentException("calibration needs a task with a reference", nameof(task));
        var words = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var other = otherReference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return
        [
            reference,
            MissingOneFact(reference, task.Prompt, 1, 2),
            MissingOneFact(reference, task.Prompt, 1, 4),
            Sentence(words.Take(Math.Max(1, words.Length * 3 / 5))),
            $"{reference} {FirstSentence(otherReference)}",
            Sentence(words.Take(Math.Max(1, Math.Min(4, words.Length / 3))).Concat(other.Skip(other.Length / 3))),
        ];
    }

    /// <summary>
    /// The reference without one of the words the prompt does not contain: the one
    /// <paramref name="numerator"/>/<paramref name="denominator"/> of the way through them.
    /// </summary>
    private static string MissingOneFact(string reference, string prompt, int numerator, int denominator)
    {
        var promptStems = TextFeatures.ContentStems(prompt).ToHashSet(StringComparer.Ordinal);
        var words = reference.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var candidates = Enumerable.Range(0, words.Length).Where(i =>
        {
            var stems = TextFeatures.ContentStems(words[i]);
            return stems.Length == 1 && !promptStems.Contains(stems[0]);
        }).ToArray();
        var drop = candidates.Length > 0 ? candidates[candidates.Length * numerator / denominator] : words.Length - 1;
        return string.Join(' ', words.Where((_, i) => i != drop));
    }

    private static string FirstSentence(string text) => TextFeatures.Sentences(text).FirstOrDefault() ?? text;

    private static string Sentence(IEnumerable<string> words)
    {
        var text = string.Join(' ', words).TrimEnd(',', ';', ':');
        return text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
    }
}
