using System.Globalization;
using System.Text;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>
/// A scrape of /metrics, parsed (Prometheus text format 0.0.4): the families' <c># TYPE</c>s and every sample with
/// its labels and value, so tests assert on series and numbers rather than on how a line happens to be spelled.
/// </summary>
public sealed class PrometheusExposition
{
    private readonly Dictionary<string, string> types = [];
    private readonly List<PrometheusSample> samples = [];

    public IReadOnlyDictionary<string, string> Types => types;
    public IReadOnlyList<PrometheusSample> Samples => samples;

    public static async Task<PrometheusExposition> ScrapeAsync(HttpClient client) => Parse(await client.GetStringAsync("/metrics"));

    public static PrometheusExposition Parse(string text)
    {
        var exposition = new PrometheusExposition();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                exposition.types[parts[0]] = parts[1];
            }
            else if (line.Length > 0 && line[0] != '#')
            {
                exposition.samples.Add(ParseSample(line));
            }
        }
        return exposition;
    }

    /// <summary>The samples named <paramref name="name"/> that carry all of <paramref name="labels"/>.</summary>
    public IEnumerable<PrometheusSample> Series(string name, params (string Name, string Value)[] labels) =>
        samples.Where(s => s.Name == name && s.Has(labels));

    /// <summary>The value of the one such sample; 0 when there is none yet (a counter that has not moved).</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Series(name, labels).SingleOrDefault()?.Value ?? 0;

    private static PrometheusSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>();
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var at = nameEnd;
        if (line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals];
                (labels[label], at) = ReadQuoted(line, equals + 1);
                if (line[at] == ',') at++;
            }
            at++;
        }
        // The value, then an optional timestamp.
        var value = line[at..].Trim().Split(' ')[0];
        return new PrometheusSample(name, labels, ParseValue(value));
    }

    /// <summary>A label value in double quotes, with <c>\\</c>, <c>\"</c> and <c>\n</c> escaped; returns the index after it.</summary>
    private static (string Value, int Next) ReadQuoted(string line, int quote)
    {
        var value = new StringBuilder();
        var at = quote + 1;
        for (; line[at] != '"'; at++)
        {
            if (line[at] != '\\')
            {
                value.Append(line[at]);
                continue;
            }
            at++;
            value.Append(line[at] == 'n' ? '\n' : line[at]);
        }
        return (value.ToString(), at + 1);
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };
}
