namespace InstructGpt.Api.Labeling;

/// <summary>A labeler as stored: the token only as its SHA-256 (lower-case hex).</summary>
public sealed record LabelerRecord(string Id, string Name, string TokenSha256, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public LabelerObject ToObject(string? token = null) =>
        new(LabelerObject.ObjectName, Id, Name, token, CreatedAt.ToUnixTimeSeconds(), RevokedAt?.ToUnixTimeSeconds());
}
