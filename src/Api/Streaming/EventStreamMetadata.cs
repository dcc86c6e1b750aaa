namespace InstructGpt.Api.Streaming;

/// <summary>Endpoint metadata: the 200 response may also be a text/event-stream.</summary>
public sealed record EventStreamMetadata;
