using Prometheus;

namespace InstructGpt.Api.Metrics;

/// <summary>
/// One .NET instrument's prometheus-net collector: each measurement the <see cref="MeterBridge"/> hears is
/// recorded here, by the instrument's <see cref="InstrumentFamily"/>.
/// </summary>
public sealed class BridgedInstrument
{
    /// <summary>The buckets /metrics has always used for seconds (time to first token, request duration).</summary>
    public static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Collector collector;
    private readonly bool observable;
    private readonly Counter? alsoCount;
    /// <summary>The gauge series the current scrape has observed (see <see cref="BeginObservation"/>).</summary>
    private readonly HashSet<string> observed = [];

    /// <param name="observable">Observable counters report their running total, not an increment.</param>
    /// <param name="alsoCount">A counter that every measurement also adds one to (requests, from their durations).</param>
    public BridgedInstrument(InstrumentFamily family, IMetricFactory factory, bool observable, Counter? alsoCount = null)
    {
        Family = family;
        this.observable = observable;
        this.alsoCount = alsoCount;
        collector = family.Kind switch
        {
            MetricKind.Counter => factory.CreateCounter(family.Name, family.Help, family.LabelNames),
            MetricKind.Gauge => factory.CreateGauge(family.Name, family.Help, family.LabelNames),
            _ => factory.CreateHistogram(family.Name, family.Help, family.LabelNames, new HistogramConfiguration { Buckets = SecondsBuckets }),
        };
    }

    public InstrumentFamily Family { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Family.LabelValues(tags);
        switch (collector)
        {
            case Histogram histogram:
                histogram.WithLabels(labels).Observe(value);
                break;
            case Counter counter when observable:
                counter.WithLabels(labels).IncTo(value);
                break;
            case Counter counter:
                counter.WithLabels(labels).Inc(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(labels).Set(value);
                lock (observed) observed.Add(Key(labels));
                break;
        }
        alsoCount?.WithLabels(labels).Inc();
    }

    /// <summary>Before the observable gauges are asked for their levels: nothing observed yet.</summary>
    public void BeginObservation()
    {
        lock (observed) observed.Clear();
    }

    /// <summary>
    /// After the gauges reported: a series no callback reported any more is dropped (<see cref="InstrumentFamily.DropStale"/>,
    /// a finished job's old stage) or reads 0 (an unloaded model's queue), since a gauge is a current level.
    /// </summary>
    public void EndObservation()
    {
        if (collector is not Gauge gauge) return;
        foreach (var labels in gauge.GetAllLabelValues().ToList())
        {
            bool seen;
            lock (observed) seen = observed.Contains(Key(labels));
            if (seen) continue;
            if (Family.DropStale) gauge.RemoveLabelled(labels);
            else gauge.WithLabels(labels).Set(0);
        }
    }

    private static string Key(string[] labels) => string.Join('\u0001', labels);
}
