using InstructGpt.Inference.Serving;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InstructGpt.Api.Tests.Fixtures;

/// <summary>
/// The real app over a temporary data directory holding two tiny checkpoints: "base" and "sft" (its child).
/// Settings override configuration; <see cref="UseKestrelServer"/> serves on a real loopback port instead of
/// the in-memory test server.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789";

    /// <summary>
    /// False: the server reads the vocab.json and merges.txt the fixture writes with its own tokenizer (BpeTokenizer),
    /// as in production. True: it uses <see cref="ByteTokenizer"/>, which gives the same ids, without those files.
    /// </summary>
    public static bool UseTestTokenizer { get; } = false;

    private readonly Dictionary<string, string?> settings;

    public ApiFactory() : this(null)
    {
    }

    internal ApiFactory(Dictionary<string, string?>? settings, bool kestrel = false)
    {
        Home = Directory.CreateTempSubdirectory("instructgpt-api-").FullName;
        CheckpointsDirectory = Path.Combine(Home, "checkpoints");
        TestCheckpoints.Write(CheckpointsDirectory, "base", "base", null, seed: 1);
        // Training records the parent's directory, an absolute path on the server; /v1/models must show only its name.
        TestCheckpoints.Write(CheckpointsDirectory, "sft", "sft", Path.Combine(CheckpointsDirectory, "base"), seed: 2);
        TestCheckpoints.WriteRewardModel(CheckpointsDirectory, "rm", Path.Combine(CheckpointsDirectory, "sft"), seed: 3);
        this.settings = new Dictionary<string, string?>
        {
            ["Data:Home"] = Home,
            ["Auth:ApiKey"] = ApiKey,
            ["Logging:LogLevel:Default"] = "Warning",
            // A test host with no checkpoint must not start training the default pipeline; the job tests turn it on.
            ["Serving:StartPipelineWhenEmpty"] = "false",
        };
        foreach (var (k, v) in settings ?? []) this.settings[k] = v;
        if (kestrel) UseKestrel(0);
    }

    public string Home { get; }
    public string CheckpointsDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            if (UseTestTokenizer) services.AddSingleton<TokenizerLoader>(_ => _ => new ByteTokenizer());
        });
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One app shared by the tests that do not change its settings.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "shared api";
}
