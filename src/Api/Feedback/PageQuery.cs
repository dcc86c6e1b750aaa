using System.Globalization;
using InstructGpt.Api.Errors;

namespace InstructGpt.Api.Feedback;

/// <summary>The paging parameters of the feedback lists: <c>?after=ID&amp;limit=N</c>, checked with messages naming the parameter.</summary>
public readonly record struct PageQuery(long After, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static PageQuery Parse(string? after, string? limit) => new(
        after is null ? 0 : Integer(after, "after", 0, long.MaxValue, "an id from a previous page (an integer >= 0)"),
        limit is null ? DefaultLimit : (int)Integer(limit, "limit", 1, MaxLimit, $"an integer in [1, {MaxLimit}]"));

    private static long Integer(string text, string name, long min, long max, string allowed)
    {
        if (!long.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new InvalidRequestException($"Invalid value for query parameter '{name}': must be {allowed} (got '{text}').", name);
        return value;
    }
}
