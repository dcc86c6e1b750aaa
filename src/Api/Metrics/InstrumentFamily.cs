using System.Globalization;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// How one .NET instrument is named and labelled on /metrics (<see cref="InstrumentFamilies"/> decides it).
/// </summary>
/// <param name="DropStale">A gauge whose series come and go (a job's stage): series the last scrape did not observe
/// are left out, rather than kept at 0 as for a model that was unloaded.</param>
public sealed record InstrumentFamily(string Name, MetricKind Kind, string Help, string[] LabelNames, bool DropStale = false)
{
    /// <summary>
    /// One value per <see cref="LabelNames"/>, in their order. A tag the measurement lacks (<c>http.route</c> of a
    /// request no endpoint matched) is "", which Prometheus reads as the label being absent, as it was before.
    /// </summary>
    public string[] LabelValues(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var values = new string[LabelNames.Length];
        Array.Fill(values, "");
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(LabelNames, LabelName(tag.Key));
            if (index >= 0) values[index] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        }
        return values;
    }

    /// <summary>ASP.NET Core tags requests with OpenTelemetry's attribute names; our series have always used the short ones.</summary>
    private static string LabelName(string tag) => tag switch
    {
        "http.request.method" => "method",
        "http.route" => "route",
        "http.response.status_code" => "status",
        _ => tag,
    };
}
