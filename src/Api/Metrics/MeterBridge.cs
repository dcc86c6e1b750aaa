using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// Feeds this host's <see cref="System.Diagnostics.Metrics"/> instruments (the serving and job instruments, and
/// ASP.NET Core's request duration) into the host's prometheus-net <see cref="CollectorRegistry"/>, which writes
/// /metrics. prometheus-net's own MeterAdapter is not used: it names series after the instrument and its tags
/// (<c>instructgpt_serving_generated_tokens</c>, <c>http_request_method</c>), which would rename the series that
/// dashboards and the docs use, and it listens to every host's meters in the process, not only this one's.
/// </summary>
public sealed class MeterBridge : IDisposable
{
    private readonly IMeterFactory scope;
    private readonly IMetricFactory factory;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, BridgedInstrument> bridged = new();
    private readonly Counter requests;
    private readonly object observing = new();

    public MeterBridge(IMeterFactory meterFactory, CollectorRegistry registry)
    {
        scope = meterFactory;
        factory = Prometheus.Metrics.WithCustomRegistry(registry);
        requests = factory.CreateCounter("instructgpt_http_requests_total", "HTTP requests by route and status", InstrumentFamilies.HttpLabels);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (InstrumentFamilies.Describe(instrument, scope) is not { } family) return;
            var counts = instrument.Name == InstrumentFamilies.HttpDuration ? requests : null;
            bridged[instrument] = new BridgedInstrument(family, factory, instrument.IsObservable, counts);
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
        registry.AddBeforeCollectCallback(ObserveGauges);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (bridged.TryGetValue(instrument, out var target)) target.Record(value, tags);
    }

    /// <summary>Before each scrape: the observable instruments report their current levels and totals.</summary>
    private void ObserveGauges()
    {
        // Scrapes may overlap; one observation at a time keeps each gauge's "observed" set whole.
        lock (observing)
        {
            foreach (var target in bridged.Values) target.BeginObservation();
            listener.RecordObservableInstruments();
            foreach (var target in bridged.Values) target.EndObservation();
        }
    }

    public void Dispose() => listener.Dispose();
}
