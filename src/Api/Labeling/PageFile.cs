namespace InstructGpt.Api.Labeling;

/// <summary>One embedded file of the labeling page: its bytes, media type and a strong ETag of its content.</summary>
public sealed record PageFile(byte[] Content, string ContentType, string ETag);
