using System.Security.Cryptography;
using System.Text;
using InstructGpt.Api.Hosting;
using Microsoft.Extensions.Options;

namespace InstructGpt.Api.Auth;

/// <summary>
/// Holds the server's API key and checks presented keys against it in constant time. The key comes from
/// configuration (<c>Auth:ApiKey</c>), the INSTRUCTGPT_API_KEY environment variable, or the key file in the data
/// directory, which is created with a new random key (mode 600) when none of these exists.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly byte[] keyHash;

    public ApiKeyStore(IOptions<AuthOptions> auth, IOptions<DataOptions> data, IConfiguration configuration, ILogger<ApiKeyStore> logger)
    {
        var configured = auth.Value.ApiKey is { Length: > 0 } k ? k : configuration[AuthOptions.EnvironmentVariable];
        string key;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            key = configured.Trim();
            Source = "configuration";
        }
        else
        {
            KeyFile = Path.Combine(data.Value.FullHome, AuthOptions.KeyFileName);
            (key, var created) = ReadOrCreate(KeyFile);
            Source = KeyFile;
            if (created) logger.LogWarning("Generated an API key and stored it in {KeyFile} (readable by its owner only). Send it as 'Authorization: Bearer <key>'.", KeyFile);
            else logger.LogInformation("Using the API key stored in {KeyFile}", KeyFile);
        }
        keyHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The key file, when the key lives in one.</summary>
    public string? KeyFile { get; }

    /// <summary>Where the key came from: "configuration" or the key file's path.</summary>
    public string Source { get; }

    /// <summary>
    /// Compares in constant time. Both sides are hashed first, so neither the comparison's duration nor an early
    /// exit on a length mismatch tells an attacker anything about the key.
    /// </summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), keyHash);

    private static (string key, bool created) ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0) return (existing, false);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = "igpt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var temporary = path + $".tmp-{Guid.NewGuid():N}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(key);
        File.Move(temporary, path, overwrite: true);
        return (key, true);
    }
}
