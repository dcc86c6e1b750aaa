using InstructGpt.Api.Errors;
using InstructGpt.Api.Feedback;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Api.Labeling;

/// <summary>A labeler's work on one task: the two steps of the paper's labeling interface (rate and flag each output, then rank them).</summary>
public sealed record SubmissionRequest
{
    /// <summary>One rating per output, in any order.</summary>
    public List<OutputRatingRequest?>? Ratings { get; init; }

    /// <summary>Rank slots best first, each a list of output letters; letters in one slot are tied. Every output once, at least two slots.</summary>
    public List<List<string?>?>? Ranking { get; init; }

    /// <summary>Free text for the labeler's reasons.</summary>
    public string? Comment { get; init; }

    /// <summary>Time spent on the task, in seconds.</summary>
    public double? Seconds { get; init; }

    /// <summary>The most seconds a submission may report: a week, far above any one task's time.</summary>
    public const double MaxSeconds = 7 * 24 * 3600;

    /// <summary>
    /// The complete submission for a task showing <paramref name="labels"/>. A wrong value throws at once, naming its field; what is
    /// missing is collected, so the one 400 lists everything the labeler still has to do ("Output B has no Likert score; rank C").
    /// </summary>
    public ValidSubmission Validate(IReadOnlyList<string> labels)
    {
        var missing = new List<(string Problem, string Param)>();
        var ratings = ValidRatings(labels, missing);
        var (ranking, ranks) = ValidRanking(labels, missing);
        if (missing.Count > 0) throw new InvalidRequestException($"The task is not complete: {string.Join("; ", missing.Select(m => m.Problem))}.", missing[0].Param, "submission_incomplete");
        if (Seconds is { } seconds && (!double.IsFinite(seconds) || seconds is < 0 or > MaxSeconds))
            throw new InvalidRequestException($"Invalid value for 'seconds': use a number of seconds from 0 to {MaxSeconds} (got {seconds}).", "seconds");
        return new ValidSubmission(ratings!, ranking!, ranks!, FeedbackFields.OptionalComment(Comment), Seconds);
    }

    private List<ValidOutputRating>? ValidRatings(IReadOnlyList<string> labels, List<(string, string)> missing)
    {
        var given = new Dictionary<string, (int Index, OutputRatingRequest Rating)>(StringComparer.Ordinal);
        var list = Ratings ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var rating = list[i] ?? throw new InvalidRequestException($"Invalid value for 'ratings[{i}]': must be an object (got null).", $"ratings[{i}]");
            var label = Label(rating.Output, labels, $"ratings[{i}].output");
            if (!given.TryAdd(label, (i, rating)))
                throw new InvalidRequestException($"Invalid value for 'ratings[{i}].output': output {label} is rated twice; give one rating per output.", $"ratings[{i}].output");
            if (rating.Likert is { } likert && likert is < LabelingForm.LikertMin or > LabelingForm.LikertMax)
                throw new InvalidRequestException($"Invalid value for 'ratings[{i}].likert': must be an integer in [{LabelingForm.LikertMin}, {LabelingForm.LikertMax}] (got {likert}).", $"ratings[{i}].likert");
        }
        var valid = new List<ValidOutputRating>();
        foreach (var label in labels)
        {
            if (!given.TryGetValue(label, out var entry)) missing.Add(($"Output {label} has no rating", "ratings"));
            else if (entry.Rating.Likert is not { } likert) missing.Add(($"Output {label} has no Likert score", $"ratings[{entry.Index}].likert"));
            else valid.Add(new ValidOutputRating(label, likert, Flags(entry.Rating.Flags, entry.Index)));
        }
        return valid.Count == labels.Count ? valid : null;
    }

    private (List<int>? Ranking, List<int>? Ranks) ValidRanking(IReadOnlyList<string> labels, List<(string, string)> missing)
    {
        var slots = Ranking ?? [];
        var ranking = new List<int>();
        var ranks = new List<int>();
        var nonEmpty = 0;
        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s] ?? throw new InvalidRequestException($"Invalid value for 'ranking[{s}]': a rank slot is a list of output letters (got null).", $"ranking[{s}]");
            var rank = ranking.Count + 1; // competition ranking, as the comparisons format writes ties: [[B], [A, C], [D]] ranks 1, 2, 2, 4
            for (var j = 0; j < slot.Count; j++)
            {
                var label = Label(slot[j], labels, $"ranking[{s}][{j}]");
                var index = labels.Count(l => string.CompareOrdinal(l, label) < 0); // labels are A, B, … in order
                if (ranking.Contains(index))
                    throw new InvalidRequestException($"Invalid value for 'ranking[{s}][{j}]': output {labels[index]} is ranked twice; place every output in one slot.", $"ranking[{s}][{j}]");
                ranking.Add(index);
                ranks.Add(rank);
            }
            if (slot.Count > 0) nonEmpty++;
        }
        var unranked = labels.Where((_, i) => !ranking.Contains(i)).ToArray();
        if (unranked.Length > 0) missing.Add(($"rank {string.Join(", ", unranked)}", "ranking"));
        else if (nonEmpty < 2)
            missing.Add(("put the outputs in at least two rank slots (all tied states no preference)", "ranking"));
        return unranked.Length == 0 && nonEmpty >= 2 ? (ranking, ranks) : (null, null);
    }

    private static string Label(string? label, IReadOnlyList<string> labels, string param) =>
        label is not null && labels.Contains(label)
            ? label
            : throw new InvalidRequestException($"Invalid value for '{param}': must be one of the task's outputs {string.Join(", ", labels)} (got {(label is null ? "null" : $"'{label}'")}).", param);

    private static IReadOnlyDictionary<string, bool> Flags(RatingFlags? flags, int index)
    {
        try
        {
            return flags?.ToDictionary() ?? new Dictionary<string, bool>();
        }
        catch (InvalidRequestException e)
        {
            throw new InvalidRequestException(e.Message.Replace("'flags.", $"'ratings[{index}].flags.", StringComparison.Ordinal), $"ratings[{index}].{e.Param}", e.Code);
        }
    }
}
