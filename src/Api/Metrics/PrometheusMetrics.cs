using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// Collects this host's metrics with a <see cref="MeterListener"/> and writes them in Prometheus' text format
/// (version 0.0.4): ASP.NET Core's <c>http.server.request.duration</c> (requests by route and status, with
/// their latency) and the serving instruments (<see cref="ServingMetrics"/>: tokens, queue depth, batch size,
/// time to first token, inter-token latency). Only meters created by this host's <see cref="IMeterFactory"/> are
/// read, so several hosts in one process (as in tests) do not mix.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private const string HttpDuration = "http.server.request.duration";

    private sealed class Series(string[] labels)
    {
        public readonly string[] Labels = labels;
        public double Value;
        public long Count;
        public double Sum;
        public readonly long[] Buckets = new long[SecondsBuckets.Length];
        /// <summary>Whether the last scrape observed it (see <see cref="Family.DropStale"/>).</summary>
        public bool Observed;
    }

    /// <param name="DropStale">A gauge whose series come and go (a job's stage): series the last scrape did not observe are left out.</param>
    private sealed record Family(string Name, string Type, string Help, string[] LabelNames, bool Derived = false, bool DropStale = false);

    private readonly IMeterFactory meterFactory;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> families = new();
    private readonly ConcurrentDictionary<(Family, string), Series> series = new();
    private readonly Family requests = new("instructgpt_http_requests_total", "counter", "HTTP requests by route and status", ["method", "route", "status"], Derived: true);
    private readonly object gate = new();

    public PrometheusMetrics(IMeterFactory meterFactory)
    {
        this.meterFactory = meterFactory;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (Describe(instrument) is not { } family) return;
            families[instrument] = family;
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    private Family? Describe(Instrument instrument)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, meterFactory)) return null;
        if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == HttpDuration)
            return new Family("http_server_request_duration_seconds", "histogram", "Duration of HTTP requests", ["method", "route", "status"]);
        if (instrument.Meter.Name == Jobs.JobMetrics.MeterName)
            return new Family(instrument.Name.Replace('.', '_'), "gauge", instrument.Description ?? instrument.Name, Jobs.JobMetrics.LabelNames, DropStale: true);
        if (instrument.Meter.Name != ServingMetrics.MeterName) return null;
        var name = instrument.Name.Replace("instructgpt.serving.", "instructgpt_", StringComparison.Ordinal).Replace('.', '_');
        if (instrument.Unit == "s") name += "_seconds";
        var type = instrument switch
        {
            Histogram<double> => "histogram",
            Counter<long> or ObservableCounter<long> => "counter",
            _ => "gauge",
        };
        if (type == "counter") name += "_total";
        return new Family(name, type, instrument.Description ?? name, ["model"]);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!families.TryGetValue(instrument, out var family)) return;
        var labels = new string[family.LabelNames.Length];
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(family.LabelNames, tag.Key switch
            {
                "http.request.method" => "method",
                "http.route" => "route",
                "http.response.status_code" => "status",
                _ => tag.Key,
            });
            if (index >= 0) labels[index] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
        }
        var key = string.Join('\u0001', labels);
        var s = series.GetOrAdd((family, key), _ => new Series(labels));
        lock (gate)
        {
            switch (family.Type)
            {
                case "histogram":
                    s.Count++;
                    s.Sum += value;
                    for (var b = 0; b < SecondsBuckets.Length; b++)
                        if (value <= SecondsBuckets[b]) s.Buckets[b]++;
                    break;
                case "counter" when instrument.IsObservable:
                case "gauge":
                    s.Value = value; // observable instruments report their current total or level
                    s.Observed = true;
                    break;
                default:
                    s.Value += value;
                    break;
            }
        }
        if (family.Type == "histogram" && instrument.Name == HttpDuration)
        {
            var r = series.GetOrAdd((requests, key), _ => new Series(labels));
            lock (gate) r.Value++;
        }
    }

    /// <summary>The exposition text of every series.</summary>
    public string Render()
    {
        lock (gate)
        {
            // Gauges report current levels: forget the last scrape's, then ask the observable instruments again.
            foreach (var ((family, _), s) in series)
                if (family.Type == "gauge")
                {
                    s.Value = 0;
                    s.Observed = false;
                }
        }
        listener.RecordObservableInstruments();
        var text = new StringBuilder();
        lock (gate)
        {
            foreach (var group in series.Where(s => !s.Key.Item1.DropStale || s.Value.Observed).GroupBy(s => s.Key.Item1).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                var family = group.Key;
                text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help).Append('\n');
                text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
                foreach (var (_, s) in group.OrderBy(g => g.Key.Item2, StringComparer.Ordinal))
                {
                    if (family.Type != "histogram")
                    {
                        Line(text, family.Name, family.LabelNames, s.Labels, null, s.Value);
                        continue;
                    }
                    for (var b = 0; b < SecondsBuckets.Length; b++)
                        Line(text, family.Name + "_bucket", family.LabelNames, s.Labels, SecondsBuckets[b].ToString(CultureInfo.InvariantCulture), s.Buckets[b]);
                    Line(text, family.Name + "_bucket", family.LabelNames, s.Labels, "+Inf", s.Count);
                    Line(text, family.Name + "_sum", family.LabelNames, s.Labels, null, s.Sum);
                    Line(text, family.Name + "_count", family.LabelNames, s.Labels, null, s.Count);
                }
            }
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, string[] labelNames, string[] labels, string? le, double value)
    {
        text.Append(name);
        var parts = labelNames.Select((n, i) => (n, v: labels[i])).Where(p => p.v is not null).Select(p => $"{p.n}=\"{Escape(p.v)}\"").ToList();
        if (le is not null) parts.Add($"le=\"{le}\"");
        if (parts.Count > 0) text.Append('{').Append(string.Join(',', parts)).Append('}');
        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    public void Dispose() => listener.Dispose();
}
