using System.Globalization;

namespace InstructGpt.Database;

/// <summary>
/// Times are stored as ISO 8601 UTC text with a fixed width (2026-01-31T12:00:00.0000000Z), which SQLite's date
/// functions read and which sorts in time order as plain text.
/// </summary>
public static class StoredTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
