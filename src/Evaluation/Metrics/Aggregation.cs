namespace InstructGpt.Evaluation.Metrics;

/// <summary>
/// Groups observations per model and judge, overall and per category, and turns each group into an
/// <see cref="Aggregate"/> with the estimator given (a win rate, a Wilson proportion, a mean).
/// </summary>
public static class Aggregation
{
    /// <summary>
    /// One aggregate per (model, judge) over all items, then one per (model, judge, category). Groups the estimator
    /// returns null for (too few items to say anything) are left out. Output is ordered by model, judge, then
    /// "all" before the categories in name order, so reports and tests see a stable order.
    /// </summary>
    public static IEnumerable<Aggregate> PerModelAndCategory<T>(
        IEnumerable<T> items,
        Func<T, string> model,
        Func<T, string> judge,
        Func<T, string> category,
        string metric,
        Func<IReadOnlyList<T>, MetricEstimate?> estimate)
    {
        var byModelAndJudge = items
            .GroupBy(item => (Model: model(item), Judge: judge(item)))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Judge, StringComparer.Ordinal);
        foreach (var group in byModelAndJudge)
        {
            var all = group.ToArray();
            if (estimate(all) is { } overall)
                yield return Aggregate.Of(group.Key.Model, group.Key.Judge, Aggregate.AllCategories, metric, overall);
            foreach (var byCategory in all.GroupBy(category).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (byCategory.Key == Aggregate.AllCategories)
                    throw new ArgumentException($"'{Aggregate.AllCategories}' is reserved for the overall aggregate; rename that category.", nameof(category));
                if (estimate(byCategory.ToArray()) is { } perCategory)
                    yield return Aggregate.Of(group.Key.Model, group.Key.Judge, byCategory.Key, metric, perCategory);
            }
        }
    }

    /// <summary>Like <see cref="PerModelAndCategory{T}"/>, but only the overall aggregate per (model, judge).</summary>
    public static IEnumerable<Aggregate> PerModel<T>(
        IEnumerable<T> items,
        Func<T, string> model,
        Func<T, string> judge,
        string metric,
        Func<IReadOnlyList<T>, MetricEstimate?> estimate)
    {
        var byModelAndJudge = items
            .GroupBy(item => (Model: model(item), Judge: judge(item)))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Judge, StringComparer.Ordinal);
        foreach (var group in byModelAndJudge)
        {
            if (estimate(group.ToArray()) is { } overall)
                yield return Aggregate.Of(group.Key.Model, group.Key.Judge, Aggregate.AllCategories, metric, overall);
        }
    }
}
