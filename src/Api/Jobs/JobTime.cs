using System.Globalization;

namespace InstructGpt.Api.Jobs;

/// <summary>
/// Times in the job tables: fixed-width ISO 8601 UTC text, which SQLite's date functions read and which sorts in
/// time order as plain text (the convention of the evaluation tables).
/// </summary>
public static class JobTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseOptional(string? text) => text is null ? null : Parse(text);
}
