using InstructGpt.Api.Errors;
using InstructGpt.Training.Data;

namespace InstructGpt.Api.Feedback;

/// <summary>A person's ranking of several outputs for one prompt: <c>POST /v1/feedback/comparisons</c> (reward-model data, InstructGPT §3.5).</summary>
public sealed record ComparisonRequest
{
    /// <summary>The prompt the outputs answer.</summary>
    public string? Prompt { get; init; }

    /// <summary>Between 2 and 9 outputs, in any order.</summary>
    public List<string?>? Outputs { get; init; }

    /// <summary>Indices into outputs, best first: a permutation of 0..K-1.</summary>
    public List<int>? Ranking { get; init; }

    /// <summary>
    /// Ties, as the comparisons format writes them: the rank (1 = best) of each entry of ranking, non-decreasing;
    /// equal ranks are tied. Leave it out when there are no ties.
    /// </summary>
    public List<int>? Ranks { get; init; }

    /// <summary>Who ranked them (default "api").</summary>
    public string? Labeler { get; init; }

    /// <summary>The comparison to store; throws <see cref="InvalidRequestException"/> naming the first field out of range.</summary>
    public ValidComparison Validate()
    {
        var prompt = FeedbackFields.Required(Prompt, "prompt");
        var outputs = ValidOutputs();
        var ranking = ValidRanking(outputs.Count);
        var ranks = Ranks is null ? null : ValidRanks(Ranks, outputs.Count);
        return new ValidComparison(prompt, outputs, ranking, ranks, FeedbackFields.OptionalName(Labeler, "labeler") ?? FeedbackFields.DefaultLabeler);
    }

    private List<string> ValidOutputs()
    {
        var range = $"an array of {Comparison.MinCompletions} to {Comparison.MaxCompletions} strings (InstructGPT ranks K = 4 to 9; pairs are allowed)";
        if (Outputs is null) throw new InvalidRequestException($"Missing required field 'outputs': {range}.", "outputs");
        if (Outputs.Count is < Comparison.MinCompletions or > Comparison.MaxCompletions)
            throw new InvalidRequestException($"Invalid value for 'outputs': must be {range} (got {Outputs.Count}).", "outputs");
        for (var i = 0; i < Outputs.Count; i++)
            if (Outputs[i] is null) throw new InvalidRequestException($"Invalid value for 'outputs[{i}]': must be a string (got null).", $"outputs[{i}]");
        return Outputs.Select(o => o!).ToList();
    }

    private List<int> ValidRanking(int k)
    {
        var permutation = $"a permutation of 0..{k - 1}: every index into outputs once, best first";
        if (Ranking is null) throw new InvalidRequestException($"Missing required field 'ranking': {permutation}.", "ranking");
        if (Ranking.Count != k)
            throw new InvalidRequestException($"Invalid value for 'ranking': must be {permutation} ({k} entries, got {Ranking.Count}).", "ranking");
        var seen = new bool[k];
        for (var i = 0; i < k; i++)
        {
            var index = Ranking[i];
            if (index < 0 || index >= k)
                throw new InvalidRequestException($"Invalid value for 'ranking[{i}]': must be an index into outputs in [0, {k - 1}] (got {index}).", $"ranking[{i}]");
            if (seen[index])
                throw new InvalidRequestException($"Invalid value for 'ranking[{i}]': index {index} appears twice; ranking must be {permutation}.", $"ranking[{i}]");
            seen[index] = true;
        }
        return Ranking;
    }

    /// <summary>The rules of the comparisons format's "ranks" (docs/datasets.md), so that the export always reads back.</summary>
    private static List<int> ValidRanks(List<int> ranks, int k)
    {
        if (ranks.Count != k)
            throw new InvalidRequestException($"Invalid value for 'ranks': must have one rank per entry of ranking ({k}), got {ranks.Count}.", "ranks");
        if (ranks[0] != 1)
            throw new InvalidRequestException($"Invalid value for 'ranks[0]': must be 1, the rank of the best output (got {ranks[0]}).", "ranks[0]");
        for (var i = 1; i < k; i++)
            if (ranks[i] < ranks[i - 1] || ranks[i] > k)
                throw new InvalidRequestException(
                    $"Invalid value for 'ranks[{i}]': ranks follow ranking (best first), so they must be non-decreasing and at most {k}; equal ranks are ties (got [{string.Join(", ", ranks)}]).", $"ranks[{i}]");
        if (ranks[^1] == ranks[0])
            throw new InvalidRequestException("Invalid value for 'ranks': every output is tied, so the comparison states no preference.", "ranks");
        return ranks;
    }
}
