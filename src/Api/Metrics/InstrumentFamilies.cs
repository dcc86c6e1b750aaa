using System.Diagnostics.Metrics;
using InstructGpt.Api.Jobs;
using InstructGpt.Inference.Serving;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// The names /metrics gives this host's instruments. They predate prometheus-net and are kept as they were
/// (dashboards, tests and the docs use them): the serving instruments drop <c>serving.</c>, seconds get
/// <c>_seconds</c> and counters <c>_total</c>; ASP.NET Core's request duration is
/// <c>http_server_request_duration_seconds</c> with <c>method</c>, <c>route</c> and <c>status</c>.
/// </summary>
public static class InstrumentFamilies
{
    public const string HttpDuration = "http.server.request.duration";
    public static readonly string[] HttpLabels = ["method", "route", "status"];

    /// <summary>The family of <paramref name="instrument"/>, or null for instruments /metrics leaves out.</summary>
    /// <param name="scope">This host's meter factory: meters of other hosts in the process (tests) are not ours.</param>
    public static InstrumentFamily? Describe(Instrument instrument, IMeterFactory scope)
    {
        if (!ReferenceEquals(instrument.Meter.Scope, scope)) return null;
        if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == HttpDuration)
            return new InstrumentFamily("http_server_request_duration_seconds", MetricKind.Histogram, "Duration of HTTP requests", HttpLabels);
        if (instrument.Meter.Name == JobMetrics.MeterName)
            return new InstrumentFamily(instrument.Name.Replace('.', '_'), MetricKind.Gauge, instrument.Description ?? instrument.Name,
                instrument.Name == JobMetrics.QueuedInstrument ? [] : JobMetrics.LabelNames, DropStale: true);
        if (instrument.Meter.Name != ServingMetrics.MeterName) return null;
        var name = instrument.Name.Replace("instructgpt.serving.", "instructgpt_", StringComparison.Ordinal).Replace('.', '_');
        if (instrument.Unit == "s") name += "_seconds";
        var kind = instrument switch
        {
            Histogram<double> => MetricKind.Histogram,
            Counter<long> or ObservableCounter<long> => MetricKind.Counter,
            _ => MetricKind.Gauge,
        };
        if (kind == MetricKind.Counter) name += "_total";
        return new InstrumentFamily(name, kind, instrument.Description ?? name, ["model"]);
    }
}
