using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace InstructGpt.Inference.Serving;

/// <summary>
/// The schedulers' instruments on one <see cref="Meter"/> named <see cref="MeterName"/>, each tagged with
/// the model: generated and prompt tokens, time to first token, inter-token latency, and gauges of the
/// queue depth, the batch size and the largest batch seen. Any metrics exporter can listen to them.
/// </summary>
public sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "InstructGpt.Serving";

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly ConcurrentDictionary<ContinuousBatchScheduler, byte> schedulers = new();
    private readonly Counter<long> generatedTokens;
    private readonly Counter<long> promptTokens;
    private readonly Counter<long> requests;
    private readonly Histogram<double> timeToFirstToken;
    private readonly Histogram<double> interTokenLatency;

    /// <param name="meterFactory">The host's factory (so each host gets its own meter); null creates a private meter.</param>
    public ServingMetrics(IMeterFactory? meterFactory = null)
    {
        ownsMeter = meterFactory is null;
        meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        generatedTokens = meter.CreateCounter<long>("instructgpt.serving.generated_tokens", "{token}", "Tokens sampled by the decode loop");
        promptTokens = meter.CreateCounter<long>("instructgpt.serving.prompt_tokens", "{token}", "Prompt tokens of finished requests");
        requests = meter.CreateCounter<long>("instructgpt.serving.requests", "{request}", "Generation requests that finished");
        timeToFirstToken = meter.CreateHistogram<double>("instructgpt.serving.time_to_first_token", "s", "From submission to the first sampled token of a request");
        interTokenLatency = meter.CreateHistogram<double>("instructgpt.serving.inter_token_latency", "s", "Between consecutive tokens of one sequence");
        meter.CreateObservableGauge("instructgpt.serving.queue_depth", () => Observe(s => s.QueuedRequests), "{request}", "Requests waiting for room in the batch");
        meter.CreateObservableGauge("instructgpt.serving.batch_size", () => Observe(s => s.ActiveSequences), "{sequence}", "Sequences in the decode batch");
        meter.CreateObservableGauge("instructgpt.serving.max_batch_size", () => Observe(s => s.MaxBatchSizeObserved), "{sequence}", "Most sequences decoded together in one step so far");
        meter.CreateObservableCounter("instructgpt.serving.decode_steps", () => ObserveTotal(s => s.DecodeSteps), "{step}", "Forward passes of one token for a whole batch");
        meter.CreateObservableCounter("instructgpt.serving.compactions", () => ObserveTotal(s => s.Compactions), "{compaction}", "KV-cache compactions");
        meter.CreateObservableCounter("instructgpt.serving.cancelled_requests", () => ObserveTotal(s => s.CancelledRequests), "{request}", "Requests cancelled by their client, queued or running");
    }

    public Meter Meter => meter;

    internal void Register(ContinuousBatchScheduler scheduler) => schedulers.TryAdd(scheduler, 0);
    internal void Unregister(ContinuousBatchScheduler scheduler) => schedulers.TryRemove(scheduler, out _);

    private IEnumerable<Measurement<int>> Observe(Func<SchedulerStatistics, int> value) =>
        schedulers.Keys.Select(s => new Measurement<int>(value(s.Statistics), new KeyValuePair<string, object?>("model", s.Name)));

    private IEnumerable<Measurement<long>> ObserveTotal(Func<SchedulerStatistics, long> value) =>
        schedulers.Keys.Select(s => new Measurement<long>(value(s.Statistics), new KeyValuePair<string, object?>("model", s.Name)));

    private static KeyValuePair<string, object?> Model(string model) => new("model", model);

    internal void RecordGeneratedTokens(string model, int count)
    {
        if (count > 0) generatedTokens.Add(count, Model(model));
    }

    internal void RecordTimeToFirstToken(string model, TimeSpan elapsed) => timeToFirstToken.Record(elapsed.TotalSeconds, Model(model));

    internal void RecordInterTokenLatency(string model, TimeSpan elapsed) => interTokenLatency.Record(elapsed.TotalSeconds, Model(model));

    internal void RecordRequest(string model, GenerationResult result)
    {
        requests.Add(1, Model(model));
        promptTokens.Add(result.PromptTokens, Model(model));
    }

    public void Dispose()
    {
        if (ownsMeter) meter.Dispose();
    }
}
