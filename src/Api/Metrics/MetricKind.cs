namespace InstructGpt.Api.Metrics;

/// <summary>The Prometheus type a .NET instrument is exposed as on /metrics.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
