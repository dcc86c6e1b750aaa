using System.Security.Cryptography;
using System.Text;

namespace InstructGpt.Api.Labeling;

/// <summary>
/// Labeler tokens: issued as <c>igpt-lbl-</c> and 48 hex digits (24 random bytes), stored as their SHA-256, and checked
/// against an in-memory map of hash to labeler, so authenticating a request never reads SQLite. The map is loaded on first
/// use and replaced (copy on write) when a labeler is created or revoked through this class, the only writer.
/// </summary>
public sealed class LabelerTokens(LabelingStore store)
{
    public const string Prefix = "igpt-lbl-";
    private const int TokenBytes = 24;

    private readonly SemaphoreSlim writing = new(1, 1);
    private Task<IReadOnlyDictionary<string, LabelerRecord>>? loaded;
    private readonly Lock loading = new();

    /// <summary>Whether a bearer credential is meant as a labeler token (and so is never compared with the API key).</summary>
    public static bool IsLabelerToken(string credential) => credential.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The labeler the token belongs to (revoked ones included), or null.</summary>
    public async Task<LabelerRecord?> FindAsync(string token)
    {
        var hash = Hash(token);
        var map = await MapAsync();
        if (!map.TryGetValue(hash, out var labeler)) return null;
        // The lookup is keyed by the hash, which tells nothing about the token; the final comparison is constant-time anyway.
        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(labeler.TokenSha256)) ? labeler : null;
    }

    /// <summary>A new labeler and its token; null when the name is taken.</summary>
    public async Task<(LabelerRecord Labeler, string Token)?> CreateAsync(string name)
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes));
        var record = new LabelerRecord("lbl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, Hash(token), Now(), null);
        await writing.WaitAsync();
        try
        {
            var map = await MapAsync();
            if (!await store.CreateLabelerAsync(record)) return null;
            Replace(map, record);
            return (record, token);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Revokes a labeler's token (a second revocation keeps the first time); null when there is no such labeler.</summary>
    public async Task<LabelerRecord?> RevokeAsync(string id)
    {
        await writing.WaitAsync();
        try
        {
            var map = await MapAsync();
            if (await store.RevokeLabelerAsync(id, Now()) is not { } revoked) return null;
            Replace(map, revoked);
            return revoked;
        }
        finally
        {
            writing.Release();
        }
    }

    private void Replace(IReadOnlyDictionary<string, LabelerRecord> map, LabelerRecord labeler)
    {
        var copy = new Dictionary<string, LabelerRecord>(map, StringComparer.Ordinal) { [labeler.TokenSha256] = labeler };
        lock (loading) loaded = Task.FromResult<IReadOnlyDictionary<string, LabelerRecord>>(copy);
    }

    private Task<IReadOnlyDictionary<string, LabelerRecord>> MapAsync()
    {
        lock (loading)
        {
            // A failed load (the database unreadable) is tried again by the next request.
            if (loaded is null || loaded.IsFaulted || loaded.IsCanceled) loaded = LoadAsync();
            return loaded;
        }
    }

    private async Task<IReadOnlyDictionary<string, LabelerRecord>> LoadAsync() =>
        (await store.ListLabelersAsync()).ToDictionary(l => l.TokenSha256, StringComparer.Ordinal);

    private static DateTimeOffset Now() => DateTimeOffset.UtcNow;
}
