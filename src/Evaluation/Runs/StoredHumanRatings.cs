using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;

namespace InstructGpt.Evaluation.Runs;

/// <summary>The store's human labels as the "human" judge reads them: each label's labeler, Likert score and flags.</summary>
internal sealed class StoredHumanRatings(EvaluationStore store) : IHumanRatings
{
    public async Task<IReadOnlyList<HumanRating>> FindAsync(string prompt, string output, CancellationToken cancellationToken) =>
        (await store.FindHumanLabelsAsync(prompt, output, cancellationToken))
            .Select(l => new HumanRating { Labeler = l.Labeler, Likert = l.Likert, Flags = l.Flags })
            .ToArray();
}
